/**
 * Typography of the plugin's card titles: real headings, second level
 * under the page's h1 (sections inside a card are h3), in the look of
 * InfoCard's default title.
 * @internal
 */
export const CARD_TITLE_PROPS = { component: 'h2', variant: 'h5' } as const;
