package org.opencredit.blacklist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.opencredit.blacklist", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("org.opencredit.blacklist.(*)..").should().beFreeOfCycles();

    /** The rules of due process and the catalogue's types hold no framework code. */
    @ArchTest
    static final ArchRule domainTypesDoNotImportFrameworks = noClasses()
            .that().haveSimpleNameStartingWith("ListEntry").or().haveSimpleName("EntryState").or().haveSimpleName("Transition")
            .or().haveSimpleName("Objection").or().haveSimpleName("ListType").or().haveSimpleName("Measure")
            .or().haveSimpleName("IllegalTransitionException")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..");
}
