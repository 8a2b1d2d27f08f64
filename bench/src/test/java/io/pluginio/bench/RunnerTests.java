package io.pluginio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerTests {

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        assertEquals(3.0, Runner.median(List.of(result(5), result(1), result(3)), "x"));
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Runner.median(List.of(result(4), result(1), result(2), result(3)), "x"));
    }

    @Test
    void reportGivesSecondSystemOverFirstAsRatio() {
        Map<String, List<Result>> results = new LinkedHashMap<>();
        results.put("reference", List.of(result(10), result(12)));
        results.put("service", List.of(result(11), result(13)));

        String report = Runner.report(results);

        assertTrue(report.contains("| x | 11 | 12 | 1.09x |"), report);
    }

    private static Result result(double x) {
        return new Result().put("x", x);
    }
}
