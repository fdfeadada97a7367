//! The board legend: the colour and label of every sticky kind on this board, the card that
//! shows it on the canvas and the editor that changes it.

pub mod board_legend;
pub mod legend_card;
pub mod legend_editor;
