import type { Suggestion } from './suggestions';

export const SUGGESTIONS_ID = 'display-filter-suggestions';
export const suggestionId = (index: number) => `display-filter-suggestion-${index}`;

interface Props {
  items: Suggestion[];
  active: number;
  onChoose(item: Suggestion): void;
}

/** The autocomplete popup under the filter input (a listbox the combobox controls). */
export function FilterSuggestions({ items, active, onChoose }: Props) {
  return (
    <ul id={SUGGESTIONS_ID} role="listbox" className="filter-suggestions">
      {items.map((item, index) => (
        <li
          key={`${item.kind}:${item.label}`}
          id={suggestionId(index)}
          role="option"
          aria-selected={index === active}
          className={`filter-suggestion ${item.kind}${index === active ? ' active' : ''}`}
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(item);
          }}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}
