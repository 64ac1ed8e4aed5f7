package org.jurisim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvDiffTest {

    private static final String SERIES = """
            date,day,detainers_issued,compliance_rate
            2026-01-01,0,12,0.5
            2026-01-02,1,9,0.444
            2026-01-03,2,14,0.5
            """;

    @Test
    void identicalTextsHaveNoDifference() {
        assertThat(CsvDiff.firstDifference("timeseries.csv", SERIES, SERIES)).isEmpty();
    }

    @Test
    void aChangedCellIsReportedWithItsFileColumnAndDay() {
        String changed = SERIES.replace("2026-01-02,1,9,0.444", "2026-01-02,1,9,0.445")
                .replace("2026-01-03,2,14,0.5", "2026-01-03,2,15,0.5");
        assertThat(CsvDiff.firstDifference("timeseries.csv", SERIES, changed)).hasValue(
                "timeseries.csv: first difference in row 2 (date 2026-01-02), column compliance_rate: expected '0.444', was '0.445'");
    }

    @Test
    void quotedCommasAreOneCellAndRowsWithoutADateAreNamedByTheirFirstCell() {
        String e = "name,policy\n\"Cook County, IL\",limited\n\"Harris County, TX\",standard\n";
        String a = "name,policy\n\"Cook County, IL\",limited\n\"Harris County, TX\",full-cooperation\n";
        assertThat(CsvDiff.firstDifference("jurisdictions.csv", e, a)).hasValue(
                "jurisdictions.csv: first difference in row 2 (name Harris County, TX), column policy: expected 'standard', was 'full-cooperation'");
    }

    @Test
    void headersAndRowCountsAreCompared() {
        assertThat(CsvDiff.firstDifference("t.csv", SERIES, SERIES.replace("compliance_rate", "compliance")))
                .hasValueSatisfying(m -> assertThat(m).contains("header", "column 4", "compliance_rate"));
        assertThat(CsvDiff.firstDifference("t.csv", SERIES, SERIES + "2026-01-04,3,1,1\n"))
                .hasValueSatisfying(m -> assertThat(m).contains("extra row 4", "date 2026-01-04"));
        assertThat(CsvDiff.firstDifference("t.csv", SERIES, SERIES.replace("2026-01-03,2,14,0.5\n", "")))
                .hasValueSatisfying(m -> assertThat(m).contains("row 3", "date 2026-01-03", "missing"));
        assertThat(CsvDiff.firstDifference("t.csv", "a,b\r\n1,2\r\n", "a,b\n1,2\n")).isEmpty();
    }
}
