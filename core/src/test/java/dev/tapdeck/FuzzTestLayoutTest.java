package dev.tapdeck;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps the fuzz tests where the build's fuzz run (core/pom.xml, execution "fuzz") can reach
 * them. That run starts one JVM per class named *FuzzTest, and Jazzer fuzzes only the first
 * {@code @FuzzTest} of a JVM: a second one in the same class, or one in a class named
 * otherwise, would be skipped without failing anything, and never fuzzed.
 */
class FuzzTestLayoutTest {

    @Test
    void everyFuzzTestIsTheOnlyOneInAClassNamedFuzzTest() throws Exception {
        Path testClasses = Path.of(FuzzTestLayoutTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String className = testClasses.relativize(file).toString()
                        .replace(File.separatorChar, '.')
                        .replaceFirst("\\.class$", "");
                Class<?> type = Class.forName(className, false, FuzzTestLayoutTest.class.getClassLoader());
                List<String> fuzzTests = Arrays.stream(type.getDeclaredMethods())
                        .filter(method -> AnnotationSupport.isAnnotated(method, FuzzTest.class))
                        .map(Method::getName)
                        .sorted()
                        .toList();
                if (fuzzTests.isEmpty()) {
                    continue;
                }
                if (type.isMemberClass() || !type.getSimpleName().endsWith("FuzzTest")) {
                    problems.add(className + " has @FuzzTest " + fuzzTests
                            + ": move it to a top-level class whose name ends in FuzzTest");
                }
                if (fuzzTests.size() > 1) {
                    problems.add(className + " has " + fuzzTests.size() + " @FuzzTest methods " + fuzzTests
                            + ": give each its own *FuzzTest class, only the first would be fuzzed");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
