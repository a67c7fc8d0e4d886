mod props;
mod rules;
mod support;
mod transitions;
