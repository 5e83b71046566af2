import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Visits the fields directly in `sets`, through inline and named fragments. */
export function forEachField(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], visit: (field: FieldNode) => void): void {
  const seenFragments = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) visit(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seenFragments.has(s.name.value)) {
        seenFragments.add(s.name.value);
        const fragment = info.fragments[s.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  sets.forEach(walk);
}

/** The selection sets of the fields called `name` directly in `sets`. */
export function selectionsOf(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], name: string): SelectionSetNode[] {
  const found: SelectionSetNode[] = [];
  forEachField(info, sets, (f) => {
    if (f.name.value === name && f.selectionSet) found.push(f.selectionSet);
  });
  return found;
}

/** Does the client's selection of the current field include `name` directly (through fragments too)? */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  let found = false;
  forEachField(info, info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])), (f) => {
    if (f.name.value === name) found = true;
  });
  return found;
}
