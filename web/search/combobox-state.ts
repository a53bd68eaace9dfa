/**
 * The keyboard and pointer state of a search combobox (WAI-ARIA 1.2 "editable combobox with list
 * autocomplete"): whether the list of options is open and which option is active. Focus stays in
 * the text box all along; the active option is announced through `aria-activedescendant`.
 */
export interface ComboboxState {
  /** Whether the list is open: it shows when there are options, "nothing found" when there are none. */
  open: boolean
  /** The index of the active option, -1 while the text box itself is active. */
  active: number
  /** How many options there are. */
  count: number
}

/** What can happen to the combobox: keys, the pointer, new text and new results. */
export type ComboboxAction =
  | { type: 'typed' }
  | { type: 'results'; count: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'point'; index: number }
  | { type: 'close' }

/** Closed, nothing to choose from: a combobox before anyone types. */
export const CLOSED_COMBOBOX: ComboboxState = { open: false, active: -1, count: 0 }

/**
 * The state after `action`. ArrowDown and ArrowUp step through the options and wrap (APG allows
 * either; wrapping lets a keyboard user reach the last result in one press); from the text box they
 * go to the first or the last option, opening a closed list. Home and End jump only while an
 * option is active: in the text they move the caret, as in any text box. New results show in a
 * list opened by typing, with no option active (so Enter searches the text as typed); results
 * that come without typing (a chosen result's title, the search page's query) leave it closed.
 */
export function comboboxReducer(state: ComboboxState, action: ComboboxAction): ComboboxState {
  const last = state.count - 1
  switch (action.type) {
    case 'typed':
      return { ...state, open: true, active: -1 }
    case 'results':
      return { open: state.open, active: -1, count: action.count }
    case 'next':
      if (state.count === 0) return state
      return { ...state, open: true, active: !state.open || state.active >= last ? 0 : state.active + 1 }
    case 'previous':
      if (state.count === 0) return state
      return { ...state, open: true, active: !state.open || state.active <= 0 ? last : state.active - 1 }
    case 'first':
      return state.open && state.active >= 0 ? { ...state, active: 0 } : state
    case 'last':
      return state.open && state.active >= 0 ? { ...state, active: last } : state
    case 'point':
      return action.index >= 0 && action.index < state.count ? { ...state, open: true, active: action.index } : state
    case 'close':
      return { ...state, open: false, active: -1 }
  }
}
