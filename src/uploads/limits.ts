/** Largest image ever decoded, in pixels (width × height × frames), unless UPLOAD_MAX_PIXELS says. */
export const DEFAULT_MAX_PIXELS = 50_000_000
