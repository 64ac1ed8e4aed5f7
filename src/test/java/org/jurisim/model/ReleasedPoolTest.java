package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jurisim.output.SeriesTable;
import org.junit.jupiter.api.Test;

/**
 * No second chance lost: a removable person released without transfer stays in a pool of the jurisdiction
 * that arrested them, from which they may be booked again (a new detainer decision) or arrested at large later.
 */
class ReleasedPoolTest {

    private static final String DECLINE_ALL = """
            policies:
              decline-all: {detainer: DECLINE, shareReleaseDates: false, iceJailAccess: false}
            ice: {refusalResponse: 0}
            """;

    @Test
    void everyoneReleasedAndNotArrestedJoinsThePool() {
        SeriesTable t = Harness.run(Harness.scenario(Harness.counties("decline-all") + DECLINE_ALL,
                "bookings.rebookingPerYear=0", "ice.atLargeStockPerYear=0", "ice.stockExitPerYear=0"));
        double released = Harness.sum(t, "released");
        double arrested = Harness.sum(t, "at_large_arrests");
        assertThat(released).isGreaterThan(2000);
        assertThat(Harness.sum(t, "at_large_arrests_later")).isZero();
        assertThat(Harness.sum(t, "rebookings")).isZero();
        // the pool is exactly the releases less the arrests on the day of release
        assertThat(t.value("released_pool", t.rows() - 1)).isEqualTo(released - arrested);
    }

    @Test
    void thePoolIsBookedAgainAtItsRate() {
        SeriesTable t = Harness.run(Harness.scenario(Harness.counties("decline-all") + DECLINE_ALL,
                "bookings.rebookingPerYear=3", "ice.atLargeStockPerYear=0", "ice.stockExitPerYear=0"));
        double expected = 0;
        double[] pool = t.series("released_pool");
        for (int d = 0; d < pool.length - 1; d++) {
            expected += pool[d] * 3 / 365.25;     // yesterday's pool, booked again today
        }
        double rebooked = Harness.sum(t, "rebookings");
        assertThat(rebooked).isGreaterThan(1000);
        // Poisson counts: within 4 standard deviations of the rate's expectation
        assertThat(rebooked).isCloseTo(expected, within(4 * Math.sqrt(expected)));
        // and a rate a quarter off would be told apart
        assertThat(Math.abs(rebooked - 1.25 * expected)).isGreaterThan(4 * Math.sqrt(expected));
        // the people booked again meet the same jail: new detainers, declined again
        assertThat(Harness.sum(t, "fingerprint_matches")).isGreaterThan(Harness.sum(Harness.run(Harness.scenario(
                Harness.counties("decline-all") + DECLINE_ALL, "bookings.rebookingPerYear=0", "ice.atLargeStockPerYear=0",
                "ice.stockExitPerYear=0")), "fingerprint_matches") + 0.5 * rebooked);
    }

    @Test
    void aSanctuaryJailReducesButDoesNotEndRemovalsOfItsResidents() {
        SeriesTable t = Harness.run(Harness.scenario(Harness.counties("decline-all") + DECLINE_ALL));
        // nobody is handed over at the jail door
        assertThat(Harness.sum(t, "pickups")).isZero();
        // yet ICE arrests people released earlier, as its officers allow
        assertThat(Harness.sum(t, "at_large_arrests_later")).isGreaterThan(50);
        SeriesTable off = Harness.run(Harness.scenario(Harness.counties("decline-all") + DECLINE_ALL, "mechanisms.atLargeOperations=false"));
        assertThat(Harness.sum(off, "at_large_arrests")).isZero();
        assertThat(off.value("released_pool", off.rows() - 1)).isGreaterThan(t.value("released_pool", t.rows() - 1));
    }
}
