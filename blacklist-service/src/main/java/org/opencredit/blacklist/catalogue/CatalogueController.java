package org.opencredit.blacklist.catalogue;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.opencredit.chassis.problem.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The list catalogue, read-only: it changes only with a new version of the reference data. */
@RestController
@Tag(name = "List catalogue", description = "List types, measures and decision scenarios (versioned reference data)")
class CatalogueController {

    private final ListCatalogue catalogue;

    CatalogueController(ListCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    record ListTypes(String version, String edition, List<ListType> listTypes) {
    }

    record Measures(String version, String edition, List<Scenario> scenarios, List<Measure> measures) {
    }

    @GetMapping("/api/v1/lists/types")
    @Operation(summary = "Every list type with its legal basis, issuing authority, entry criteria, period, removal conditions and remedies")
    ListTypes listTypes() {
        return new ListTypes(catalogue.version(), catalogue.edition(), catalogue.listTypes());
    }

    @GetMapping("/api/v1/lists/types/{code}")
    @Operation(summary = "One list type")
    ListType listType(@PathVariable String code) {
        return catalogue.listType(code).orElseThrow(() -> ProblemException.notFound("unknown-list-type",
                "no list type '" + code + "' in the list catalogue " + catalogue.version() + "; use one of "
                        + catalogue.listTypeCodes()).with("listType", code));
    }

    @GetMapping("/api/v1/measures")
    @Operation(summary = "The measures catalogue and the decision scenarios, optionally only those of a list type or scenario")
    Measures measures(@RequestParam(required = false) String listType, @RequestParam(required = false) String scenario) {
        if (listType != null) {
            catalogue.listType(listType).orElseThrow(() -> CatalogueProblems.unknownListType(catalogue, listType));
        }
        if (scenario != null) {
            catalogue.scenario(scenario).orElseThrow(() -> CatalogueProblems.unknownScenario(catalogue, scenario));
        }
        List<Measure> selected = catalogue.measures().stream()
                .filter(m -> listType == null || m.listTypes().contains(listType))
                .filter(m -> scenario == null || m.scenarios().contains(scenario))
                .toList();
        return new Measures(catalogue.version(), catalogue.edition(), catalogue.scenarios(), selected);
    }

    @GetMapping("/api/v1/measures/{code}")
    @Operation(summary = "One catalogued measure")
    Measure measure(@PathVariable String code) {
        return catalogue.measure(code).orElseThrow(() -> ProblemException.notFound("unknown-measure",
                "no measure '" + code + "' in the list catalogue " + catalogue.version() + "; GET /api/v1/measures lists them")
                .with("measure", code));
    }
}
