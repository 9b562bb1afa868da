/**
 * Islands: interactive components rendered on the server and hydrated in the browser from
 * serialized props. `islandOf(name, Component)` returns a component that renders `Component`
 * inside a marker element carrying its props as JSON; the page shell then loads
 * /static/build/<name>.js, which hydrates every marker of that name (islands/_hydrate.ts).
 */
import type { ComponentType } from "preact";

const used = new Set<string>();

export function islandOf<P extends object>(
  name: string,
  Component: ComponentType<P>,
): ComponentType<P> {
  return (props: P) => {
    used.add(name);
    return (
      <div data-island={name} data-props={JSON.stringify(props)}>
        <Component {...props} />
      </div>
    );
  };
}

/** Islands rendered since the last call (server rendering is synchronous, so per page). */
export function takeUsedIslands(): string[] {
  const names = [...used];
  used.clear();
  return names;
}
