//! A phrase worded in the reader's language (`domain::wording::phrase`): the words as text,
//! the data it holds (names, places, someone's own words) inside `<span lang="zh-CN">`.
use leptos::prelude::*;

use crate::domain::wording::phrase::Part;

pub fn parts(parts: Vec<Part>) -> AnyView {
    parts
        .into_iter()
        .map(|part| match part {
            Part::Words(words) => words.into_any(),
            Part::Data(data) => view! { <span lang="zh-CN">{data}</span> }.into_any(),
        })
        .collect_view()
        .into_any()
}
