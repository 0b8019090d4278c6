package dev.tapdeck.file;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * jqwik prints a table of tries and seeds to standard output for every property, passed or
 * not, unless the module's JUnit configuration says otherwise. This hook holds standard
 * output back while a class of properties runs and prints it only if one of them failed, so
 * a green build stays quiet and a red one still shows the failing sample and its seed.
 */
public final class QuietPropertyReports implements AroundContainerHook, AroundPropertyHook {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger EDGE_CASE_NOTICES =
            Logger.getLogger("net.jqwik.engine.properties.RandomizedShrinkablesGenerator");

    private static PrintStream standardOutput;
    private static ByteArrayOutputStream heldBack;
    private static boolean anyFailed;

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public void beforeContainer(ContainerLifecycleContext context) {
        if (standardOutput == null) {
            // "Edge case generation exceeds number of tries" is information, not a problem.
            EDGE_CASE_NOTICES.setLevel(Level.WARNING);
            standardOutput = System.out;
            heldBack = new ByteArrayOutputStream();
            anyFailed = false;
            System.setOut(new PrintStream(heldBack, true, StandardCharsets.UTF_8));
        }
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
            anyFailed = true;
        }
        return result;
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        if (standardOutput != null && context.optionalContainerClass().isPresent()) {
            System.setOut(standardOutput);
            if (anyFailed) {
                standardOutput.print(heldBack.toString(StandardCharsets.UTF_8));
            }
            standardOutput = null;
            heldBack = null;
        }
    }
}
