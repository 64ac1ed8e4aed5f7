package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;

/**
 * Reads a run directory written by {@code jurisim run} (a single run, or replicates with a leading
 * {@code replicate} column). The metrics are whatever columns its timeseries.csv has.
 */
final class RunReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RunReader() {
    }

    /** What a run directory holds, read from its files' headers and first replicate. */
    record Meta(Path dir, boolean replicated, List<String> metrics, long firstDay, LocalDate start, int days, long[] seeds,
                String scenarioName, String scenarioPath, JsonNode scenario) {
        LocalDate end() {
            return start.plusDays(days - 1L);
        }

        String calendar() {
            return start + " to " + end() + " (" + days + " days)";
        }
    }

    /** A run read over a window of dates, for a selection of metrics. */
    record Data(String label, Meta meta, SeriesAccumulator acc, double[][] outcomes, long[] seeds) {
        /** Outcome {@code k} (see {@link SeriesAccumulator#outcomeNames()}) of every replicate. */
        double[] outcome(int k) {
            double[] v = new double[outcomes.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = outcomes[i][k];
            }
            return v;
        }

        int replicates() {
            return outcomes.length;
        }
    }

    static boolean isRunDirectory(Path p) {
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve(Replicates.TIMESERIES));
    }

    private static BadInputException bad(Path file, String field, String message) {
        return new BadInputException(new Problem(new Location(file.toString(), 1, 1), field, message));
    }

    /** Reads the header and the first replicate's days. */
    static Meta meta(Path dir) throws IOException, BadInputException {
        Path ts = dir.resolve(Replicates.TIMESERIES);
        boolean replicated;
        List<String> metrics;
        long firstDay = -1;
        LocalDate start = null;
        int days = 0;
        try (BufferedReader r = Files.newBufferedReader(ts, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw bad(ts, "timeseries", "expected a header line, found an empty file");
            }
            String[] h = header.split(",", -1);
            replicated = h.length > 0 && h[0].equals("replicate");
            int off = replicated ? 1 : 0;
            if (h.length < off + 3 || !h[off].equals("day") || !h[off + 1].equals("date")) {
                throw bad(ts, "timeseries", "expected columns [replicate,]day,date,METRICS..., found \"" + abbreviate(header) + "\"");
            }
            metrics = List.of(h).subList(off + 2, h.length);
            String line;
            String rep = null;
            long prevDay = -1;
            int lineNo = 1;
            boolean first = true; // still in the first replicate, whose days are counted; later rows are only checked
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != h.length) {
                    throw new BadInputException(new Problem(new Location(ts.toString(), lineNo, 1), "timeseries",
                            "expected " + h.length + " fields, found " + f.length));
                }
                checkCells(ts, lineNo, h, f, off);
                if (replicated) {
                    if (rep == null) {
                        rep = f[0];
                    } else if (!rep.equals(f[0])) {
                        first = false;
                    }
                }
                if (!first) {
                    continue;
                }
                long day;
                LocalDate date;
                try {
                    day = Long.parseLong(f[off]);
                    date = LocalDate.parse(f[off + 1]);
                } catch (NumberFormatException | DateTimeParseException e) {
                    throw new BadInputException(new Problem(new Location(ts.toString(), lineNo, 1), "timeseries",
                            "expected a day number and a date, found \"" + f[off] + "," + f[off + 1] + "\""));
                }
                if (firstDay < 0) {
                    firstDay = day;
                    start = date;
                } else if (day != prevDay + 1 || !date.equals(start.plusDays(day - firstDay))) {
                    throw new BadInputException(new Problem(new Location(ts.toString(), lineNo, 1), "timeseries",
                            "expected consecutive days, found day " + day + " (" + date + ") after day " + prevDay));
                }
                prevDay = day;
                days++;
            }
        }
        if (days == 0) {
            throw bad(ts, "timeseries", "expected at least one day of data, found none");
        }
        long[] seeds = seeds(dir);
        String name = dir.getFileName().toString();
        String path = "";
        Path manifest = dir.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            JsonNode m = readTree(ExperimentDir.json(), manifest);
            name = m.path("scenario").path("name").asText(name);
            path = m.path("scenario").path("path").asText("");
        }
        JsonNode scenario = null;
        Path resolved = dir.resolve("scenario.resolved.yaml");
        if (Files.isRegularFile(resolved)) {
            scenario = readTree(YAML, resolved);
        }
        return new Meta(dir, replicated, metrics, firstDay, start, days, seeds, name, path, scenario);
    }

    /**
     * Checks the metric cells of one row: each is empty (no value that day) or a finite number, which is what a comparison
     * can use; anything else ({@code NA}, {@code abc}, {@code 1e999}, {@code inf}) is bad input, located at its cell.
     */
    private static void checkCells(Path ts, int lineNo, String[] h, String[] f, int off) throws BadInputException {
        int column = 1;
        for (int k = 0; k < f.length; k++) {
            if (k >= off + 2) {
                String cell = f[k];
                if (!cell.isEmpty()) {
                    double v;
                    try {
                        v = cell.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?") ? Double.parseDouble(cell) : Double.NaN;
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!Double.isFinite(v)) {
                        throw new BadInputException(new Problem(new Location(ts.toString(), lineNo, column), "timeseries." + h[k],
                                "expected a finite number (or an empty cell for no value), found \"" + abbreviate(cell) + "\""
                                        + (Double.isInfinite(v) ? ", which is out of range" : "")));
                    }
                }
            }
            column += f[k].length() + 1;
        }
    }

    /** Reads a JSON or YAML file of the run directory; a malformed one is bad input, at its line and column. */
    private static JsonNode readTree(ObjectMapper mapper, Path file) throws IOException, BadInputException {
        try {
            return mapper.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
            int line = l == null ? 1 : Math.max(1, l.getLineNr());
            int col = l == null ? 1 : Math.max(1, l.getColumnNr());
            throw new BadInputException(new Problem(new Location(file.toString(), line, col), "",
                    "expected a file as JuriSim writes it, found malformed " + (mapper == YAML ? "YAML" : "JSON") + ": "
                            + abbreviate(String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " "))));
        }
    }

    private static long[] seeds(Path dir) throws IOException, BadInputException {
        Path reps = dir.resolve(Replicates.REPLICATES);
        if (Files.isRegularFile(reps)) {
            List<Long> out = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(reps, StandardCharsets.UTF_8)) {
                String header = r.readLine();
                int col = header == null ? -1 : List.of(header.split(",", -1)).indexOf("seed");
                String line;
                int lineNo = 1;
                while (col >= 0 && (line = r.readLine()) != null) {
                    lineNo++;
                    String[] f = line.split(",", -1);
                    try {
                        out.add(Long.parseLong(f[col]));
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        throw new BadInputException(new Problem(new Location(reps.toString(), lineNo, 1), "replicates.seed",
                                "expected a seed (a whole number) in column " + (col + 1) + ", found \""
                                        + abbreviate(col < f.length ? f[col] : "") + "\""));
                    }
                }
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
        Path manifest = dir.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            JsonNode m = readTree(ExperimentDir.json(), manifest);
            if (m.has("seed")) {
                return new long[] {m.get("seed").asLong()};
            }
        }
        return new long[0];
    }

    /**
     * Reads every replicate of a run over {@code days} days from {@code from} (a calendar date), for the given metrics.
     */
    static Data read(String label, Meta meta, List<String> metrics, LocalDate from, int days) throws IOException {
        long firstDay = meta.firstDay() + java.time.temporal.ChronoUnit.DAYS.between(meta.start(), from);
        SeriesAccumulator acc = new SeriesAccumulator(meta.metrics(), metrics, firstDay, days);
        List<double[]> outcomes = new ArrayList<>();
        int off = meta.replicated() ? 1 : 0;
        try (BufferedReader r = Files.newBufferedReader(meta.dir().resolve(Replicates.TIMESERIES), StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            String rep = null;
            boolean open = false;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (meta.replicated() && !f[0].equals(rep)) {
                    if (open) {
                        outcomes.add(acc.endReplicate());
                    }
                    rep = f[0];
                    acc.beginReplicate();
                    open = true;
                } else if (!open) {
                    acc.beginReplicate();
                    open = true;
                }
                acc.row(f, off);
            }
            if (open) {
                outcomes.add(acc.endReplicate());
            }
        }
        long[] seeds = meta.seeds().length == outcomes.size() ? meta.seeds() : new long[0];
        return new Data(label, meta, acc, outcomes.toArray(new double[0][]), seeds);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
