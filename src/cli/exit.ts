/** Exit codes, decided only here (DESIGN.md habit 14). */
export const EXIT_OK = 0;
/** Findings at or above the failure threshold, or a CI gate failed. */
export const EXIT_FINDINGS = 1;
/** Usage error, unreadable or invalid input, runtime failure. */
export const EXIT_ERROR = 2;
