/** The seed used when none is given: the same requests and dynamic answers on every run. */
export const DEFAULT_SEED = 20240301;
