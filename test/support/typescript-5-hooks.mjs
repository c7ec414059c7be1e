/**
 * openapi-typescript builds its output with the TypeScript 5 compiler API, which TypeScript 7 (this
 * project's compiler, native) no longer has: its `typescript` import gets the pinned `typescript-5`.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'typescript' && context.parentURL?.includes('/openapi-typescript/'))
    return nextResolve('typescript-5', context);
  return nextResolve(specifier, context);
}
