/// Placeholder until the event bus lands; see DESIGN.md §4.
