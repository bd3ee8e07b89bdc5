/** A model or configuration that cannot be used; the message names the key and the fix. */
export class ModelError extends Error {
  override name = 'ModelError';
}
