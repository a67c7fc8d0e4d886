//! Household text with the hotline as a number to tap: "拨打12317" in a message on a phone is
//! one tap away, as in the hotline line under every household page; its dates are kept whole.
//! Server-rendered pages only (no WASM).
use leptos::either::Either;
use leptos::prelude::*;

const HOTLINE: &str = "12317";

/// `text` split at each "12317": (is the hotline, the piece), in order.
fn pieces(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(HOTLINE) {
        if at > 0 {
            out.push((false, &rest[..at]));
        }
        out.push((true, HOTLINE));
        rest = &rest[at + HOTLINE.len()..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// `text`, each "12317" in it a `tel:` link and each date whole.
pub fn dialable(text: &str) -> impl IntoView {
    pieces(text)
        .into_iter()
        .map(|(hotline, piece)| match hotline {
            true => Either::Left(view! { <a href="tel:12317">"12317"</a> }),
            false => Either::Right(super::whole_dates::whole_dates(piece.to_owned())),
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn each_hotline_number_is_cut_out_and_nothing_else_is_lost() {
        assert_eq!(
            pieces("请拨打12317热线，或12317。"),
            vec![
                (false, "请拨打"),
                (true, "12317"),
                (false, "热线，或"),
                (true, "12317"),
                (false, "。")
            ]
        );
        assert_eq!(pieces("12317"), vec![(true, "12317")]);
        assert_eq!(pieces("没有号码"), vec![(false, "没有号码")]);
        assert_eq!(pieces(""), Vec::<(bool, &str)>::new());
    }
}
