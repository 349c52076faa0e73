package io.imageguard.records;

/** The output topics of the contract and the record each one carries. */
public enum OutputTopic {
    THEFT_FLAGS("theft-flags", TheftFlag.class),
    FIRST_PUBLISH("first-publish", FirstPublishRecord.class),
    COMPLAINT_VERDICTS("complaint-verdicts", ComplaintVerdict.class),
    RESTRICTION_DECISIONS("restriction-decisions", RestrictionDecision.class),
    ENFORCEMENT_ACTIONS("enforcement-actions", EnforcementAction.class),
    COMPLAINANT_SCORES("complainant-scores", ComplainantScore.class),
    DEAD_LETTER("dead-letter", Rejected.class);

    private final String logicalName;
    private final Class<?> recordClass;

    OutputTopic(String logicalName, Class<?> recordClass) {
        this.logicalName = logicalName;
        this.recordClass = recordClass;
    }

    /** The contract's name, also the config key suffix ({@code topics.<name>}). */
    public String logicalName() {
        return logicalName;
    }

    public Class<?> recordClass() {
        return recordClass;
    }
}
