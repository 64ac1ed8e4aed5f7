package org.jurisim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jurisim.common.BadInputException;
import org.jurisim.common.Location;
import org.jurisim.common.Problem;
import org.jurisim.scenario.Scenario;
import org.jurisim.scenario.ScenarioLoader;

/**
 * A calibration's posterior sample ({@code posterior.csv}: {@code point,distance}, then one column per parameter) as
 * the parameters of replicates: replicate u runs the scenario with the values of row {@link #draw}(seed, u), drawn
 * uniformly with a generator seeded from the replicate's own seed, so the spread of the replicates carries parameter
 * uncertainty as well as chance, and the same seed gives the same draws.
 */
public final class Posterior implements Replicates.Variation {

    /** Mixed into a replicate's seed for its draw, so that the draw and the model's own stream are unrelated. */
    private static final long SALT = 0x6A09E667F3BCC909L;

    private final Path file;
    private final String sha256;
    private final Path scenario;
    private final List<String> overrides;
    private final List<String> paths;
    private final List<String[]> rows;

    private Posterior(Path file, String sha256, Path scenario, List<String> overrides, List<String> paths, List<String[]> rows) {
        this.file = file;
        this.sha256 = sha256;
        this.scenario = scenario;
        this.overrides = List.copyOf(overrides);
        this.paths = List.copyOf(paths);
        this.rows = List.copyOf(rows);
    }

    /** Reads a posterior sample for a scenario (with its {@code --set} overrides), checking every row loads. */
    public static Posterior load(Path file, Path scenario, List<String> overrides) throws BadInputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(new Problem(new Location(file.toString(), 1, 1), "parameter-uncertainty",
                    "expected a calibration's posterior.csv, " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage())));
        }
        String[] lines = text.split("\n", -1);
        String[] header = lines[0].strip().split(",", -1);
        if (header.length < 3 || !header[0].equals("point") || !header[1].equals("distance")) {
            throw new BadInputException(new Problem(new Location(file.toString(), 1, 1), "parameter-uncertainty",
                    "expected the header of a calibration's posterior.csv (point,distance,PARAMETER,...), found '" + lines[0].strip() + "'"));
        }
        List<String> paths = List.of(header).subList(2, header.length);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].strip().split(",", -1);
            if (f.length != header.length) {
                throw new BadInputException(new Problem(new Location(file.toString(), i + 1, 1), "parameter-uncertainty",
                        "expected " + header.length + " cells, found " + f.length));
            }
            rows.add(java.util.Arrays.copyOfRange(f, 2, f.length));
        }
        if (rows.isEmpty()) {
            throw new BadInputException(new Problem(new Location(file.toString(), 2, 1), "parameter-uncertainty",
                    "expected at least one accepted sample, found none"));
        }
        Posterior p = new Posterior(file, Check.sha256(text), scenario, overrides, paths, rows);
        for (int i = 0; i < rows.size(); i++) {
            try {
                ScenarioLoader.load(scenario, p.overridesOf(i));
            } catch (BadInputException e) {
                Problem q = e.problems().get(0);
                throw new BadInputException(new Problem(new Location(file.toString(), i + 2, 1), q.path(), q.message()));
            }
        }
        return p;
    }

    public int size() {
        return rows.size();
    }

    /** The row replicate {@code u} of an experiment with base seed {@code seed} takes. */
    public int draw(long seed, int u) {
        return new SplittableRandom(Seeds.replicate(seed, u) ^ SALT).nextInt(rows.size());
    }

    List<String> overridesOf(int row) {
        List<String> all = new ArrayList<>(overrides);
        String[] v = rows.get(row);
        for (int k = 0; k < paths.size(); k++) {
            all.add(paths.get(k) + "=" + v[k]);
        }
        return all;
    }

    @Override
    public Scenario apply(Scenario base, int replicate) throws BadInputException {
        return ScenarioLoader.load(scenario, overridesOf(draw(base.seed(), replicate))).withSeed(base.seed());
    }

    @Override
    public JsonNode settings() {
        ObjectNode n = ExperimentDir.json().createObjectNode();
        n.put("kind", "posterior draws");
        n.put("file", file.toAbsolutePath().normalize().toString());
        n.put("sha256", sha256);
        n.put("samples", rows.size());
        return n;
    }
}
