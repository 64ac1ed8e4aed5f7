package org.jurisim.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jurisim.model.JuriSimModel;
import org.jurisim.model.Jurisdiction;
import org.jurisim.scenario.JurisdictionSpec;

/** Writes {@code jurisdictions.csv}: the final state of every jurisdiction, one row each, in scenario order. */
public final class JurisdictionsCsv {

    public static final String HEADER = "name,state,kind,fips,district,circuit,field_office,population,foreign_born_share,"
            + "partisan_lean,policy,policy_in_force,pinned,agreement_287g,trust,liability_exposure,funds_at_risk_usd,"
            + "funds_withheld_usd,detainers_issued,detainers_honored,detainers_notified,detainers_declined,at_large_arrests,"
            + "county_fips,residents_governed,policy_at_start,policy_source";

    private JurisdictionsCsv() {
    }

    public static void write(JuriSimModel m, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append(HEADER).append('\n');
            StringBuilder sb = new StringBuilder();
            for (Jurisdiction j : m.jurisdictions()) {
                JurisdictionSpec s = j.spec();
                sb.setLength(0);
                sb.append(Csv.cell(s.name())).append(',').append(s.state()).append(',').append(s.kind()).append(',')
                        .append(s.fips() == null ? "" : s.fips()).append(',').append(s.district()).append(',').append(s.circuit())
                        .append(',').append(s.fieldOffice()).append(',').append(s.population()).append(',')
                        .append(Numbers.format(s.foreignBornShare())).append(',').append(Numbers.format(s.partisanLean())).append(',')
                        .append(j.getPolicy()).append(',').append(j.policyInForce(m)).append(',').append(j.isPinned()).append(',')
                        .append(j.isAgreement287g()).append(',').append(Numbers.format(j.getTrust())).append(',')
                        .append(Numbers.format(j.getLiabilityExposure())).append(',')
                        .append(Numbers.format(j.getFundsAtRisk())).append(',').append(Numbers.format(j.getFundsWithheld())).append(',')
                        .append(j.getDetainersIssued()).append(',')
                        .append(j.getDetainersHonored()).append(',').append(j.getDetainersNotified()).append(',')
                        .append(j.getDetainersDeclined()).append(',').append(j.getAtLargeArrests()).append(',')
                        .append(s.county() != null ? s.county() : String.join(";", s.counties())).append(',')
                        .append(j.getResidents()).append(',').append(s.policy()).append(',').append(Csv.cell(s.source())).append('\n');
                w.append(sb);
            }
        }
    }
}
