/**
 * The version of the engine (`ironflow-engine`) whose wire format this package describes:
 * its events, their fields and the values its deserializer accepts. The package's own version
 * is separate (see "Versioning" in the README). The generator also writes it into the
 * AsyncAPI document as the API's version.
 * @example
 * console.log(`events of ironflow-engine ${ENGINE_VERSION}`); // events of ironflow-engine 2.14.1
 */
export const ENGINE_VERSION = "2.14.1" as const;
