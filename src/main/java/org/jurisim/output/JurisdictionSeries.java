package org.jurisim.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;

/**
 * {@code jurisdiction_series.csv}: per-jurisdiction time series in tidy (long) form, one row per date, jurisdiction
 * and metric: {@code date,fips,name,metric,value}. Sampled at the end of every month (or week, or day) and on the
 * run's last day. Like the other sinks it reads the model at the end of the day and never changes it.
 */
public final class JurisdictionSeries implements MetricsSink, AutoCloseable {

    public static final String FILE = "jurisdiction_series.csv";
    public static final String HEADER = "date,fips,name,metric,value";

    /** The metrics written per jurisdiction, in this order; {@code policy_in_force} is a policy name, the others numbers. */
    public static final List<String> METRICS = List.of("policy_in_force", "agreement_287g", "trust", "liability_exposure",
            "funds_at_risk_usd", "funds_withheld_usd", "detainers_issued", "detainers_honored", "detainers_declined");

    /** How often to sample. */
    public enum Every {
        DAY, WEEK, MONTH;

        /** Parses "daily", "weekly", "monthly" (any case). */
        public static Every parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "daily", "day" -> DAY;
                case "weekly", "week" -> WEEK;
                case "monthly", "month" -> MONTH;
                default -> null;
            };
        }

        boolean due(LocalDate d) {
            return switch (this) {
                case DAY -> true;
                case WEEK -> d.getDayOfWeek() == DayOfWeek.SUNDAY;
                case MONTH -> d.plusDays(1).getDayOfMonth() == 1;
            };
        }
    }

    private final JuriSimModel model;
    private final Every every;
    private final LocalDate last;
    private final BufferedWriter out;
    private final StringBuilder sb = new StringBuilder(1 << 16);

    /** Samples {@code model} every {@code every} and on {@code last}, the run's last date, into {@code file}. */
    public JurisdictionSeries(JuriSimModel model, Every every, LocalDate last, Path file) throws IOException {
        this.model = model;
        this.every = every;
        this.last = last;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.append(HEADER).append('\n');
    }

    @Override
    public void begin(List<MetricDef> columns) {
        // the jurisdictions are read from the model, not from the day's metrics
    }

    @Override
    public void record(long day, LocalDate date, double[] values) {
        if (!every.due(date) && !date.equals(last)) {
            return;
        }
        String d = date.toString();
        for (Jurisdiction j : model.jurisdictions()) {
            String fips = j.spec().fips() == null ? "" : j.spec().fips();
            String name = Csv.cell(j.getKey());
            row(d, fips, name, "policy_in_force", j.policyInForce(model));
            row(d, fips, name, "agreement_287g", j.isAgreement287g() ? "1" : "0");
            row(d, fips, name, "trust", Numbers.format(j.getTrust()));
            row(d, fips, name, "liability_exposure", Numbers.format(j.getLiabilityExposure()));
            row(d, fips, name, "funds_at_risk_usd", Numbers.format(j.getFundsAtRisk()));
            row(d, fips, name, "funds_withheld_usd", Numbers.format(j.getFundsWithheld()));
            row(d, fips, name, "detainers_issued", Long.toString(j.getDetainersIssued()));
            row(d, fips, name, "detainers_honored", Long.toString(j.getDetainersHonored()));
            row(d, fips, name, "detainers_declined", Long.toString(j.getDetainersDeclined()));
            if (sb.length() > (1 << 16) - 1024) {
                flush();
            }
        }
        flush();
    }

    private void row(String date, String fips, String name, String metric, String value) {
        sb.append(date).append(',').append(fips).append(',').append(name).append(',').append(metric).append(',').append(value).append('\n');
    }

    private void flush() {
        try {
            out.append(sb);
            sb.setLength(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
