package org.jurisim.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class RuleInputsTest {

    @Test
    void defaults() {
        RuleInputs in = new RuleInputs();
        assertThat(in.getSeverity()).isEqualTo(Severity.NONE);
        assertThat(in.isJudicialWarrant()).isFalse();
        assertThat(in.getName()).isEmpty();
        assertThat(in.getPopulation()).isZero();
        assertThat(in.getDate()).isEqualTo(LocalDate.EPOCH);
        assertThat(in.getDay()).isZero();
        assertThat(in.getPriorities()).isEmpty();
    }

    @Test
    void settersStoreWhatGettersReturn() {
        RuleInputs in = new RuleInputs()
                .setSeverity(Severity.VIOLENT_FELONY).setJudicialWarrant(true).setPriorRemoval(true).setConvicted(true)
                .setName("Cook County").setState("IL").setKind("county").setPopulation(5_087_072)
                .setForeignBornShare(0.21).setPartisanLean(0.75).setAgreement287g(true).setFundsAtRisk(1e6)
                .setLiabilityExposure(0.6).setTrust(0.7).setSanctuaryLaw(true).setAntiSanctuaryLaw(false)
                .setPriorities("SERIOUS_CRIMES_ONLY").setDate(LocalDate.of(2026, 5, 1)).setDay(120);
        assertThat(in.getSeverity()).isEqualTo(Severity.VIOLENT_FELONY);
        assertThat(in.isJudicialWarrant()).isTrue();
        assertThat(in.isPriorRemoval()).isTrue();
        assertThat(in.isConvicted()).isTrue();
        assertThat(in.getName()).isEqualTo("Cook County");
        assertThat(in.getState()).isEqualTo("IL");
        assertThat(in.getKind()).isEqualTo("county");
        assertThat(in.getPopulation()).isEqualTo(5_087_072);
        assertThat(in.getForeignBornShare()).isEqualTo(0.21);
        assertThat(in.getPartisanLean()).isEqualTo(0.75);
        assertThat(in.isAgreement287g()).isTrue();
        assertThat(in.getFundsAtRisk()).isEqualTo(1e6);
        assertThat(in.getLiabilityExposure()).isEqualTo(0.6);
        assertThat(in.getTrust()).isEqualTo(0.7);
        assertThat(in.isSanctuaryLaw()).isTrue();
        assertThat(in.isAntiSanctuaryLaw()).isFalse();
        assertThat(in.getPriorities()).isEqualTo("SERIOUS_CRIMES_ONLY");
        assertThat(in.getDate()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(in.getDay()).isEqualTo(120);
    }

    @Test
    void invalidValuesAreRejected() {
        RuleInputs in = new RuleInputs();
        assertThatThrownBy(() -> in.setState("California")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setState("ca")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setKind("borough")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setTrust(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setForeignBornShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setPopulation(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setFundsAtRisk(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.setSeverity(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> in.setDate(null)).isInstanceOf(NullPointerException.class);
        // a rejected value leaves the previous one in place
        assertThat(in.getTrust()).isZero();
        assertThat(in.getState()).isEmpty();
    }

    @Test
    void unknownNamesResolveToNothing() {
        assertThat(new RuleInputs().lookup("user.home")).isEmpty();
        assertThat(new RuleInputs().lookup("detainer.severity")).contains(0L);
    }
}
