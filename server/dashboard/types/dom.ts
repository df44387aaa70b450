/** What `h()` and `render()` take as children: nodes, text, nothing, or nested lists of those. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
