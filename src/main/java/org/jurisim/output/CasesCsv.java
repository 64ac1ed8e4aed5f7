package org.jurisim.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.courts.LegalCase;

/** Writes {@code cases.csv}: one row per case and level (a suit, each appeal, each Supreme Court case). */
public final class CasesCsv {

    public static final String HEADER = "id,type,plaintiff,defendant,court,level,circuit,filed,decided,outcome,"
            + "preliminary_injunction,injunction_in_force,injunction_scope,appeal_of,plaintiffs,plaintiff_list,held_for,"
            + "preliminary_injunction_date";

    private CasesCsv() {
    }

    public static void write(JuriSimModel m, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(HEADER).append('\n');
            for (LegalCase c : m.courts().cases()) {
                String outcome = c.forLocality() == null ? "pending" : c.forLocality() ? "for_locality" : "for_government";
                boolean family = c.family() == c;
                w.append(Integer.toString(c.id())).append(',').append(c.type().yamlName()).append(',')
                        .append(Csv.cell(c.plaintiff().label())).append(',').append(Csv.cell(c.defendant().label())).append(',')
                        .append(c.court().id()).append(',').append(c.court().level().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                        .append(c.court().circuit() == null ? "" : c.court().circuit()).append(',')
                        .append(m.scenario().dateOf(c.filed()).toString()).append(',')
                        .append(c.decided() < 0 ? "" : m.scenario().dateOf(c.decided()).toString()).append(',')
                        .append(outcome).append(',').append(Boolean.toString(c.preliminaryInjunction())).append(',')
                        .append(family ? Boolean.toString(c.injunctionActive()) : "").append(',')
                        .append(family && c.injunctionActive() ? (c.injunctionUniversal() ? "universal" : "parties") : "").append(',')
                        .append(c.appealOf() == null ? "" : Integer.toString(c.appealOf().id())).append(',')
                        .append(Integer.toString(c.plaintiffs().size())).append(',')
                        .append(Csv.cell(c.plaintiffs().stream().map(p -> p.label()).collect(Collectors.joining(";")))).append(',')
                        .append(c.heldFor() == null ? "" : Integer.toString(c.heldFor().id())).append(',')
                        .append(c.preliminaryInjunctionDay() < 0 ? "" : m.scenario().dateOf(c.preliminaryInjunctionDay()).toString())
                        .append('\n');
            }
        }
    }
}
