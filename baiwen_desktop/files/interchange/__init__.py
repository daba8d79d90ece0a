"""Questions in and out of other systems: Word, Moodle XML, GIFT and QTI (see docs/interchange.md)."""
