package dev.tapdeck.analysis.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessCommentTest {
    @Test
    void aProgramIsWrittenAsItsNameAndPidAndReadBack() {
        ProcessInfo curl = new ProcessInfo(4242, "curl", "curl -s http://127.0.0.1/", "root", null);
        assertThat(ProcessComment.format(curl)).isEqualTo("curl (pid 4242)");
        assertThat(ProcessComment.parse("curl (pid 4242)")).contains(new ProcessInfo(4242, "curl", "", "", null));
    }

    @Test
    void aNameWithSpacesAndBracketsKeepsThemAndThePidIsTheLastBracket() {
        ProcessInfo odd = new ProcessInfo(7, "Web Content (pid 3)", "", "", null);
        assertThat(ProcessComment.parse(ProcessComment.format(odd))).contains(odd);
    }

    @Test
    void anyOtherCommentNamesNoProgram() {
        for (String comment : new String[] {null, "", "hello", "curl (pid )", "(pid 12)", "curl (pid 12", "curl (pid -3)",
                "curl (pid 99999999999)", "curl (pid 1a)", "curl (PID 12)"}) {
            assertThat(ProcessComment.parse(comment)).as(String.valueOf(comment)).isEmpty();
        }
    }
}
