/** Where make-fixtures.sh puts its outputs (see its header for the list). */
export const LAB_DIR = process.env.BALLAST_LAB ?? "/tmp/ballast-fixtures";
export const FIXTURES_DIR = `${LAB_DIR}/fixtures`;
/** The five Dockerfiles make-fixtures.sh builds. */
export const FIXTURE_NAMES = ["bloated", "slim", "multistage", "deleted", "scratch"] as const;
export const fixture = (file: string): string => `${FIXTURES_DIR}/${file}`;
