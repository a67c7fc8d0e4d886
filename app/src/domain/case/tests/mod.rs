mod assistance;
mod clock_rules;
mod props;
mod rules;
mod screening;
mod setups;
mod support;
mod transitions;
