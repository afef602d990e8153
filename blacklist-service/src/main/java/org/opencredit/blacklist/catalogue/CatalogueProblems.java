package org.opencredit.blacklist.catalogue;

import org.opencredit.chassis.problem.ProblemException;

/** 400 answers for codes the list catalogue does not know, naming the ones it does. */
public final class CatalogueProblems {

    private CatalogueProblems() {
    }

    public static ProblemException unknownListType(ListCatalogue catalogue, String code) {
        return ProblemException.badRequest("unknown-list-type", "Unknown list type",
                        "no list type '" + code + "' in the list catalogue " + catalogue.version() + "; use one of "
                                + catalogue.listTypeCodes())
                .with("listType", code).with("known", catalogue.listTypeCodes());
    }

    public static ProblemException unknownScenario(ListCatalogue catalogue, String code) {
        return ProblemException.badRequest("unknown-scenario", "Unknown scenario",
                        "no decision scenario '" + code + "' in the list catalogue " + catalogue.version() + "; use one of "
                                + catalogue.scenarioCodes())
                .with("scenario", code).with("known", catalogue.scenarioCodes());
    }
}
