package org.jurisim.experiment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The experiment layer drives models from outside: the model knows nothing of experiments or the command line. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.jurisim");

    @Test
    void theModelDoesNotDependOnExperimentsOrTheCommandLine() {
        noClasses().that().resideInAPackage("org.jurisim.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jurisim.experiment..", "org.jurisim.cli..").check(MAIN);
    }

    @Test
    void experimentsDoNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("org.jurisim.experiment..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jurisim.cli..", "org.jurisim.gui..").check(MAIN);
    }

    @Test
    void theModelAndTheOutputsDoNotDependOnTheDashboard() {
        noClasses().that().resideInAnyPackage("org.jurisim.model..", "org.jurisim.output..", "org.jurisim.reference..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jurisim.gui..").check(MAIN);
        noClasses().that().resideInAnyPackage("org.jurisim.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jurisim.output..").check(MAIN);
    }

    @Test
    void onlyTheSparkEngineTouchesSpark() {
        // Spark is a provided dependency: any other class using it would fail in the default jar, which has no Spark
        noClasses().that().resideOutsideOfPackage("org.jurisim.experiment.spark..").should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..").check(MAIN);
    }

    @Test
    void theModelAndScenariosDoNotKnowHowRunsAreDistributed() {
        noClasses().that().resideInAnyPackage("org.jurisim.model..", "org.jurisim.scenario..", "org.jurisim.output..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jurisim.experiment..").check(MAIN);
    }
}
