//! Renderers of the annual report in the official layout.
