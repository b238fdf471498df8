/**
 * NumPy's default print options that shape what this project keeps and prints: past `threshold`
 * elements NumPy prints only `edgeitems` at each end, and a run keeps only those in its rows.
 */
export const NUMPY_THRESHOLD = 1000;
export const NUMPY_EDGE_ITEMS = 3;
