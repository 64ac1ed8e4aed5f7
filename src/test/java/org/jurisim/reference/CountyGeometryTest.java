package org.jurisim.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountyGeometryTest {

    private final CountyGeometry geo = CountyGeometry.load();

    @Test
    void loadsOnceQuickly() {
        assertThat(CountyGeometry.load()).isSameAs(geo);
        System.out.printf(java.util.Locale.ROOT, "CountyGeometry loaded in %.0f ms%n", geo.loadMillis());
        assertThat(geo.loadMillis()).as("load time (ms)").isLessThan(1000);
    }

    @Test
    void allCountiesOfTheFiftyStatesAndDc() {
        assertThat(geo.counties()).hasSize(3144);
        Set<String> states = new HashSet<>();
        geo.counties().values().forEach(c -> states.add(c.stateFips()));
        assertThat(states).hasSize(51);
        assertThat(geo.stateName("17")).contains("Illinois");
        assertThat(geo.county("17031").orElseThrow().name()).isEqualTo("Cook");
        assertThat(geo.contains("99999")).isFalse();
        assertThat(geo.contains(null)).isFalse();
    }

    @Test
    void idsMatchTheCountyTableExactly() {
        // the project's own county table (UsData): every county has a shape, and every shape is a county
        Set<String> fips = new HashSet<>();
        UsData.load().counties().forEach(c -> fips.add(c.fips()));
        assertThat(fips).hasSize(3144);
        assertThat(geo.counties().keySet()).isEqualTo(fips);
    }

    @Test
    void everyCountyHasAShapeAndALabelPointInsideIt() {
        Set<String> degenerate = new HashSet<>();
        for (CountyGeometry.County c : geo.counties().values()) {
            Rectangle2D b = c.bounds();
            assertThat(c.shape().getPathIterator(null).isDone()).as(c.fips() + " has a path").isFalse();
            if (b.getWidth() * b.getHeight() == 0 || !c.shape().contains(c.labelPoint())) {
                // a few independent cities are a sliver of zero area at this resolution
                degenerate.add(c.fips() + " " + c.name());
                assertThat(b.contains(c.labelPoint()) || b.getWidth() * b.getHeight() == 0).as(c.fips()).isTrue();
                continue;
            }
            assertThat(b.getMinX()).as(c.fips()).isGreaterThanOrEqualTo(-60);
            assertThat(b.getMaxX()).as(c.fips()).isLessThanOrEqualTo(CountyGeometry.WIDTH);
            assertThat(b.getMinY()).as(c.fips()).isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxY()).as(c.fips()).isLessThanOrEqualTo(CountyGeometry.HEIGHT);
        }
        System.out.println("zero-area counties: " + degenerate);
        assertThat(degenerate).hasSizeLessThan(5);
    }

    @Test
    void placesLieWhereTheyShould() {
        Rectangle2D cook = geo.county("17031").orElseThrow().bounds();
        // Illinois: east of the centre, in the upper half
        assertThat(cook.getCenterX()).isBetween(560.0, 700.0);
        assertThat(cook.getCenterY()).isBetween(150.0, 300.0);
        Rectangle2D la = geo.county("06037").orElseThrow().bounds();
        assertThat(la.getCenterX()).isBetween(50.0, 250.0);
        assertThat(la.getCenterY()).isBetween(300.0, 450.0);
        Rectangle2D miami = geo.county("12086").orElseThrow().bounds();
        assertThat(miami.getCenterX()).isGreaterThan(750.0);
        assertThat(miami.getCenterY()).isGreaterThan(500.0);
        for (CountyGeometry.County c : geo.counties().values()) {
            if (c.stateFips().equals("02") || c.stateFips().equals("15")) {
                // the insets at the lower left
                assertThat(c.bounds().getMaxX()).as(c.fips()).isLessThan(400.0);
                assertThat(c.bounds().getMinY()).as(c.fips()).isGreaterThan(380.0);
            }
        }
        assertThat(geo.county("15003").orElseThrow().bounds().getCenterX())
                .as("Hawaii east of Alaska").isGreaterThan(geo.county("02020").orElseThrow().bounds().getCenterX());
    }

    @Test
    void hitTestingFindsTheCounty() {
        CountyGeometry.County cook = geo.county("17031").orElseThrow();
        assertThat(cook.shape().contains(cook.labelPoint())).isTrue();
        assertThat(geo.countyAt(cook.labelPoint().getX(), cook.labelPoint().getY()).orElseThrow().fips()).isEqualTo("17031");
        assertThat(geo.countyAt(5, 5)).isEmpty();
    }

    @Test
    void bordersAndNation() {
        assertThat(geo.stateBorders().getBounds2D().getWidth()).isGreaterThan(500);
        Rectangle2D n = geo.nation().getBounds2D();
        assertThat(n.getWidth()).isGreaterThan(900);
        CountyGeometry.County cook = geo.county("17031").orElseThrow();
        assertThat(geo.nation().contains(cook.labelPoint())).isTrue();
    }
}
