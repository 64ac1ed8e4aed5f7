package org.jurisim.experiment;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jurisim.output.Numbers;

/**
 * The journal of a replicates experiment: appends each finished replicate (its part directory) to the experiment's
 * files in replicate order, with a leading {@code replicate} column ({@link Replicates#STREAMS}, through
 * {@link Journal}, so that an interruption loses nothing finished), keeps the daily statistics across replicates
 * ({@link SeriesAccumulator}) and, with a target, the half-width reached. On resume it re-reads what was committed,
 * exactly as if it had just been. At the end it writes {@code summary.csv} and summarises the outcomes.
 */
final class ReplicateStreams implements Closeable {

    private final Journal journal;
    private final long days;
    private final long seed;
    private final Replicates.Target target;
    private final int minReplicates;
    private SeriesAccumulator acc;
    private List<String> fileMetrics;
    private final List<Double> targetValues = new ArrayList<>();
    private double lastHalfWidth = Double.NaN;
    private boolean reached;

    /** Opens the journal in {@code work} (resuming what it records) for an experiment of {@code days} days from {@code seed}. */
    ReplicateStreams(Path work, long days, long seed, Replicates.Target target, int minReplicates) throws IOException {
        this.journal = Journal.open(work, Replicates.STREAMS);
        this.days = days;
        this.seed = seed;
        this.target = target;
        this.minReplicates = minReplicates;
    }

    /** Replicates already committed (by an interrupted invocation). */
    int committed() {
        return journal.committed();
    }

    SeriesAccumulator accumulator() {
        return acc;
    }

    List<String> metrics() {
        return fileMetrics;
    }

    double halfWidth() {
        return lastHalfWidth;
    }

    boolean reached() {
        return reached;
    }

    /** Appends replicate {@code u} from its part directory and deletes the part; false when the target is met. */
    boolean commit(int u, Path part) throws IOException {
        String prefix = u + ",";
        double[] outcomes;
        try (BufferedReader r = Files.newBufferedReader(part.resolve(Replicates.TIMESERIES), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            header(Replicates.TIMESERIES, "replicate," + header);
            if (acc == null) {
                init(header);
            }
            acc.beginReplicate();
            StringBuilder sb = new StringBuilder(1 << 16);
            String line;
            while ((line = r.readLine()) != null) {
                sb.append(prefix).append(line).append('\n');
                acc.row(line.split(",", -1), 0);
                if (sb.length() > (1 << 16) - 1024) {
                    journal.append(Replicates.TIMESERIES, sb);
                    sb.setLength(0);
                }
            }
            journal.append(Replicates.TIMESERIES, sb);
            outcomes = acc.endReplicate();
        }
        copy(part.resolve(Replicates.JURISDICTIONS), Replicates.JURISDICTIONS, prefix);
        copy(part.resolve(Replicates.CASES), Replicates.CASES, prefix);
        copy(part.resolve(Replicates.EVENTS), Replicates.EVENTS, prefix);
        StringBuilder row = new StringBuilder();
        if (journal.size(Replicates.REPLICATES) == 0) {
            row.append("replicate,seed");
            for (String n : acc.outcomeNames()) {
                row.append(',').append(n);
            }
            row.append('\n');
        }
        row.append(u).append(',').append(Seeds.replicate(seed, u));
        for (double v : outcomes) {
            row.append(',').append(Numbers.format(v));
        }
        journal.append(Replicates.REPLICATES, row.append('\n'));
        journal.unitDone(u);
        ExperimentDir.deleteTree(part);
        if (target == null) {
            return true;
        }
        targetValues.add(parse(Numbers.format(outcomes[target.outcome().index(acc.metrics())])));
        return !targetMet(u + 1);
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** Whether the target is met after {@code n} replicates (updating the half-width reached). */
    boolean targetMet(int n) {
        double[] v = targetValues.stream().mapToDouble(Double::doubleValue).toArray();
        lastHalfWidth = Stats.describe(v).halfWidth();
        reached = n >= minReplicates && lastHalfWidth <= target.halfWidth();
        return reached;
    }

    private void init(String header) {
        String[] h = header.split(",", -1);
        fileMetrics = List.of(h).subList(2, h.length);
        acc = new SeriesAccumulator(fileMetrics, fileMetrics, 0, (int) days);
    }

    private void header(String stream, String header) throws IOException {
        String existing = journal.header(stream);
        if (existing == null) {
            journal.append(stream, header + "\n");
        } else if (!existing.equals(header)) {
            throw new IOException(stream + ": a replicate has other columns than the first (" + header + ")");
        }
    }

    private void copy(Path part, String stream, String prefix) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            header(stream, "replicate," + header);
            StringBuilder sb = new StringBuilder();
            String line;
            boolean inQuotes = false;
            while ((line = r.readLine()) != null) {
                // a quoted cell may hold a line break (RFC 4180): only a record's first line gets the prefix
                if (!inQuotes) {
                    sb.append(prefix);
                }
                sb.append(line).append('\n');
                for (int i = 0; i < line.length(); i++) {
                    if (line.charAt(i) == '"') {
                        inQuotes = !inQuotes;
                    }
                }
            }
            journal.append(stream, sb);
        }
    }

    /** Re-reads the replicates already in timeseries.csv (resume), exactly as if they had just been committed. */
    void rebuild() throws IOException {
        try (BufferedReader r = Files.newBufferedReader(journal.file(Replicates.TIMESERIES), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            init(header.substring(header.indexOf(',') + 1));
            String line;
            String current = null;
            int oi = target == null ? -1 : target.outcome().index(acc.metrics());
            while ((line = r.readLine()) != null) {
                int c = line.indexOf(',');
                String rep = line.substring(0, c);
                if (!rep.equals(current)) {
                    if (current != null) {
                        endRebuilt(oi);
                    }
                    current = rep;
                    acc.beginReplicate();
                }
                acc.row(line.substring(c + 1).split(",", -1), 0);
            }
            if (current != null) {
                endRebuilt(oi);
            }
        }
    }

    private void endRebuilt(int oi) {
        double[] out = acc.endReplicate();
        if (oi >= 0) {
            targetValues.add(parse(Numbers.format(out[oi])));
        }
    }

    /** Writes {@code summary.csv}: per day and metric the mean, sd and 95% t-interval across replicates. */
    void writeSummary(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("day,date,metric,mean,sd,ci95_low,ci95_high,n\n");
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < acc.days(); d++) {
                for (int m = 0; m < fileMetrics.size(); m++) {
                    Stats.Sample s = acc.cells().sample(d, m);
                    sb.setLength(0);
                    sb.append(d).append(',').append(acc.date(d)).append(',').append(fileMetrics.get(m)).append(',')
                            .append(Numbers.format(s.mean())).append(',').append(Numbers.format(s.sd())).append(',')
                            .append(Numbers.format(s.ciLow())).append(',').append(Numbers.format(s.ciHigh())).append(',')
                            .append(s.n()).append('\n');
                    w.append(sb);
                }
            }
        }
    }

    /** Summaries of the outcomes, from replicates.csv (the values as written). */
    Map<String, Stats.Sample> outcomeSummaries(Path file) throws IOException {
        List<String> names = acc.outcomeNames();
        int n = acc.replicates();
        double[][] v = new double[names.size()][n];
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            int i = 0;
            while ((line = r.readLine()) != null && i < n) {
                String[] f = line.split(",", -1);
                for (int k = 0; k < names.size(); k++) {
                    v[k][i] = parse(f[2 + k]);
                }
                i++;
            }
        }
        Map<String, Stats.Sample> out = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            out.put(names.get(k), Stats.describe(v[k]));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
