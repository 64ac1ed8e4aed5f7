package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Problem;
import org.jurisim.output.SeriesTable;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detention as flows: each admission stream (jails, at large, border) stays its own mean time, so that in a
 * steady state the people held are inflow x stay (Little's law) and removals are inflow x removal share;
 * dated steps of border transfers move admissions on their date; beds bind.
 */
class DetentionFlowsTest {

    /**
     * No jail flows (no bookings): only the dated streams, beds ample, nobody in detention on the first day.
     * Border transfers 1,000 a day for 40 days, interior arrests 500 a day for 30 days.
     */
    private static String outsideOnly(String border, String interior) {
        return Harness.counties("standard").replace("duration: 180d", "duration: 400d") + """
                bookings: {perCapitaPerYear: 0}
                ice:
                  detentionBeds: 10000000
                  initialOccupancy: 0
                  borderTransfers: %s
                  interiorArrests: %s
                  borderStayDays: 40
                  atLargeStayDays: 30
                  proceedingsMeanDays: 56
                  borderRemovalShare: 0.5
                  removalShare: 0.8
                """.formatted(border, interior);
    }

    private static final String BORDER_1000 = "[{from: 2026-01-01, perDay: 1000}]";
    private static final String INTERIOR_500 = "[{from: 2026-01-01, perDay: 500}]";

    /** Mean of a metric over rows [from, to). */
    private static double mean(SeriesTable t, String metric, int from, int to) {
        double s = 0;
        for (int d = from; d < to; d++) {
            s += t.value(metric, d);
        }
        return s / (to - from);
    }

    @Test
    void steadyStateOccupancyIsInflowTimesStayForEachStream() {
        SeriesTable t = Harness.run(Harness.scenario(outsideOnly(BORDER_1000, INTERIOR_500)));
        // after 5 mean stays the streams are in their steady state: days 200-399
        double border = mean(t, "detention_border", 200, 400);
        double all = mean(t, "detention_occupancy", 200, 400);
        // the stationary count of an infinite-server queue is Poisson(inflow x stay): sd 200 for 40,000; the
        // mean of 200 correlated days is within 2% of the expectation by a wide margin
        assertThat(border).isCloseTo(1000 * 40, within(0.02 * 40_000));
        assertThat(all - border).isCloseTo(500 * 30, within(0.02 * 15_000));
        // power: a border stay of 48 days, or the jail transfers' 56 days used for every stream, is told apart
        assertThat(Math.abs(1000 * 48 - border)).isGreaterThan(0.02 * 40_000);
        assertThat(Math.abs(1500 * 56 - all)).isGreaterThan(0.02 * 55_000);
        SeriesTable longer = Harness.run(Harness.scenario(outsideOnly(BORDER_1000, INTERIOR_500), "ice.borderStayDays=48"));
        assertThat(Math.abs(mean(longer, "detention_border", 200, 400) - 40_000)).isGreaterThan(0.02 * 40_000);
    }

    @Test
    void steadyStateRemovalsAreInflowTimesEachStreamsRemovalShare() {
        SeriesTable t = Harness.run(Harness.scenario(outsideOnly(BORDER_1000, INTERIOR_500)));
        double removals = mean(t, "removals", 200, 400);
        double releases = mean(t, "detention_releases", 200, 400);
        double expected = 1000 * 0.5 + 500 * 0.8;
        // daily removals: about Poisson(900), sd 30; over 200 days the mean is within 2% by a wide margin
        assertThat(removals).isCloseTo(expected, within(0.02 * expected));
        assertThat(releases).isCloseTo(1000 * 0.5 + 500 * 0.2, within(0.02 * 600));
        // power: one removal share for both streams (0.8 or 0.5) would be rejected
        assertThat(Math.abs(1500 * 0.8 - removals)).isGreaterThan(0.02 * expected);
        assertThat(Math.abs(1500 * 0.5 - removals)).isGreaterThan(0.02 * expected);
        // and without the border stream removals fall to the interior's
        SeriesTable noBorder = Harness.run(Harness.scenario(outsideOnly("[]", INTERIOR_500)));
        assertThat(Harness.sum(noBorder, "detention_admissions_border")).isZero();
        assertThat(mean(noBorder, "removals", 200, 400)).isCloseTo(500 * 0.8, within(0.03 * 400));
        assertThat(mean(noBorder, "detention_occupancy", 200, 400)).isLessThan(0.5 * mean(t, "detention_occupancy", 200, 400));
    }

    @Test
    void aDatedStepInBorderTransfersMovesAdmissionsOnItsDate() {
        SeriesTable t = Harness.run(Harness.scenario(outsideOnly(
                "[{from: 2026-01-01, perDay: 200}, {from: 2026-03-01, perDay: 2000, note: step}]", "[]")));
        int step = -1;
        for (int d = 0; d < t.rows(); d++) {
            if (t.date(d).equals(LocalDate.of(2026, 3, 1))) {
                step = d;
            }
        }
        assertThat(step).isPositive();
        // Poisson(200): sd 14; Poisson(2000): sd 45. The day before the step and the step's day
        assertThat(t.value("detention_admissions_border", step - 1)).isBetween(130.0, 270.0);
        assertThat(t.value("detention_admissions_border", step)).isBetween(1800.0, 2200.0);
        assertThat(mean(t, "detention_admissions_border", 0, step)).isCloseTo(200, within(6.0));
        assertThat(mean(t, "detention_admissions_border", step, step + 100)).isCloseTo(2000, within(20.0));
        // before the first step its rate applies: a schedule starting later still admits from day 0
        SeriesTable late = Harness.run(Harness.scenario(outsideOnly("[{from: 2027-01-01, perDay: 300}]", "[]")));
        assertThat(mean(late, "detention_admissions_border", 0, 100)).isCloseTo(300, within(9.0));
    }

    @Test
    void bedsBindAndTheLegacyConstantInflowStillAdds() {
        SeriesTable t = Harness.run(Harness.scenario(outsideOnly(BORDER_1000, "[]"), "ice.detentionBeds=20000"));
        double[] occ = t.series("detention_occupancy");
        double[] beds = t.series("detention_capacity");
        for (int d = 0; d < occ.length; d++) {
            assertThat(occ[d]).isLessThanOrEqualTo(beds[d]);
        }
        // the beds fill (every office gets its share of transfers and of beds), so admissions fall to the exits
        assertThat(mean(t, "detention_occupancy", 200, 400)).isGreaterThan(0.97 * 20_000);
        assertThat(mean(t, "detention_admissions_border", 200, 400)).isCloseTo(20_000 / 40.0, within(0.05 * 500));
        // ice.otherAdmissionsPerDay (the single constant inflow of earlier versions) adds to the border stream
        SeriesTable legacy = Harness.run(Harness.scenario(outsideOnly("[]", "[]"), "ice.otherAdmissionsPerDay=350"));
        assertThat(mean(legacy, "detention_admissions_border", 0, 400)).isCloseTo(350, within(6.0));
        assertThat(mean(legacy, "detention_border", 200, 400)).isCloseTo(350 * 40, within(0.03 * 14_000));
    }

    @Test
    void theProceedingsEventChangesEveryStreamsStayInProportion() {
        SeriesTable t = Harness.run(Harness.scenario(outsideOnly(BORDER_1000, INTERIOR_500) + """
                events:
                  - {on: 2026-01-01, do: proceedings, meanDays: 28}
                """));
        // 56 -> 28 days for jail transfers: the border's 40 become 20, the interior's 30 become 15
        assertThat(mean(t, "detention_border", 200, 400)).isCloseTo(1000 * 20, within(0.02 * 20_000));
        assertThat(mean(t, "detention_occupancy", 200, 400) - mean(t, "detention_border", 200, 400))
                .isCloseTo(500 * 15, within(0.03 * 7_500));
    }

    @Test
    void stepsOutOfDateOrderAreBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, outsideOnly("[{from: 2026-03-01, perDay: 10}, {from: 2026-02-01, perDay: 20}]", "[]"));
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> ScenarioLoader.load(f, java.util.List.of()));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::format).singleElement().asString()
                .matches(".*s\\.yaml:\\d+:\\d+: ice\\.borderTransfers\\[1\\]\\.from: expected steps in date order, each after 2026-03-01, found 2026-02-01");
    }
}
