package org.jurisim.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jurisim.model.EventTimeline;
import org.jurisim.model.JuriSimModel;
import org.jurisim.output.Csv;

/** A replicate's {@code events.csv}, in the same format as a single run's. */
final class EventsCsv {

    static final String HEADER = "day,date,event,jurisdictions_affected,note";

    private EventsCsv() {
    }

    static void write(JuriSimModel m, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(HEADER).append('\n');
            for (EventTimeline.Applied a : m.timeline().log()) {
                w.append(Long.toString(a.day())).append(',').append(a.date().toString()).append(',').append(a.kind()).append(',')
                        .append(Integer.toString(a.affected())).append(',').append(Csv.cell(a.note())).append('\n');
            }
        }
    }
}
