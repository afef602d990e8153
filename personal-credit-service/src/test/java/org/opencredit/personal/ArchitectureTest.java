package org.opencredit.personal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.opencredit.personal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("org.opencredit.personal.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainRulesDoNotImportFrameworks = noClasses()
            .that().haveSimpleName("PersonalRecord").or().haveSimpleName("Objection").or().haveSimpleName("Masking")
            .or().haveSimpleName("IdentityProtection").or().haveSimpleName("AccessPolicy")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data..", "org.springframework.web..",
                    "com.mongodb..", "org.bson..");
}
