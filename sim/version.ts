/** Engine version, carried by every result. Bump the minor version when outputs change. */
export const ENGINE_VERSION = "0.3.0";
