//! One row per cue type: a sentence of our own and the stances it must give, rendered as
//! `ACTOR position issue (modality)`. The set must match exactly, so a row also shows what
//! a cue must *not* produce.

mod common;

/// Extracts stances from `input` (dated 2026-01-11) and compares them, as a set, with
/// `expected`.
fn check(input: &str, expected: &[&str]) {
    let mut got: Vec<String> = common::stances(input, "2026-01-11")
        .iter()
        .map(common::render)
        .collect();
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "stances of {input:?}");
}

#[test]
fn requests_and_demands() {
    check(
        "Egypt urged Israel to withdraw from Lebanon.",
        &["EGYGOV for withdraw ISRGOV LBNGOV (asserted)"],
    );
    check(
        "Qatar called for an immediate ceasefire.",
        &["QATGOV for CEASEFIRE (asserted)"],
    );
    check(
        "Egypt demanded that Hamas release the hostages.",
        &["EGYGOV for HOSTAGE_RELEASE PSEREBHMS (asserted)"],
    );
    check(
        "Netanyahu insisted that Hamas must disarm.",
        &["ISRGOV for disarm PSEREBHMS (asserted)"],
    );
    check(
        "Egypt and Qatar urged Hamas to accept the proposal.",
        &[
            "EGYGOV for accept proposal (asserted)",
            "QATGOV for accept proposal (asserted)",
        ],
    );
}

#[test]
fn support_and_opposition() {
    check(
        "Germany backs the proposal for an international peacekeeping force.",
        &["DEUGOV for INTERNATIONAL_FORCE (asserted)"],
    );
    check(
        "Israel supports Hamas disarmament.",
        &["ISRGOV for disarm PSEREBHMS (asserted)"],
    );
    check(
        "Hamas rejects disarming.",
        &["PSEREBHMS against disarm PSEREBHMS (asserted)"],
    );
    check(
        "Russia opposes lifting the arms embargo on Libya.",
        &["RUSGOV against lift arm embargo LBYGOV (asserted)"],
    );
    check(
        "Beijing's approach prioritizes stability in the region.",
        &["CHNGOV for region stability (asserted)"],
    );
    check(
        "Hamas refuses to lay down its arms.",
        &["PSEREBHMS against disarm PSEREBHMS (asserted)"],
    );
    check(
        "Hungary is blocking the EU's new sanctions package.",
        &["HUNGOV against package sanction IGOEUREEC (asserted)"],
    );
}

#[test]
fn infinitives_and_plans() {
    check(
        "Modi is eager to expand trade with Japan.",
        &["INDGOV for expand trade JPNGOV (asserted)"],
    );
    check(
        "Washington plans to lift sanctions on Syria.",
        &["USAGOV for lift sanction SYRGOV (intended)"],
    );
    check(
        "Iran will refuse to halt enrichment.",
        &["IRNGOV against halt enrichment (hypothetical)"],
    );
}

#[test]
fn negation_flips_or_voids() {
    // Not opposing is tolerance: a weak "for", modality negated.
    check(
        "Turkey does not oppose Sweden's membership in NATO.",
        &["TURGOV for membership IGOWSTNAT SWEGOV (negated)"],
    );
    // Not supporting withholds support.
    check(
        "Hungary does not support the sanctions on Russia.",
        &["HUNGOV against sanction RUSGOV (negated)"],
    );
    check(
        "Putin no longer supports the peace talks.",
        &["RUSGOV against peace talk (negated)"],
    );
    // Not urging says nothing.
    check("Egypt did not urge Hamas to disarm.", &[]);
    let weak = common::stances("Turkey does not oppose the plan.", "2026-01-11");
    assert!(
        weak[0].strength < 0.5,
        "a negated opposition is weak: {}",
        weak[0].strength
    );
}

#[test]
fn conditions_give_conditional_and_the_precondition() {
    check(
        "Israel will back the deal only if Hamas disarms.",
        &[
            "ISRGOV conditional deal (hypothetical)",
            "ISRGOV for disarm PSEREBHMS (hypothetical)",
        ],
    );
    check(
        "Hamas rejects any deal unless Israel withdraws from Lebanon.",
        &[
            "PSEREBHMS conditional deal (asserted)",
            "PSEREBHMS for withdraw ISRGOV LBNGOV (asserted)",
        ],
    );
    check(
        "Israel backs a truce until Hamas is disarmed.",
        &[
            "ISRGOV conditional CEASEFIRE (asserted)",
            "ISRGOV for disarm PSEREBHMS (asserted)",
        ],
    );
    check(
        "If Hamas disarms, Israel will support reconstruction.",
        &[
            "ISRGOV conditional rebuild (hypothetical)",
            "ISRGOV for disarm PSEREBHMS (asserted)",
        ],
    );
    check(
        "Netanyahu insists that deterrence is a prerequisite for any political arrangement.",
        &[
            "ISRGOV for deterrence (asserted)",
            "ISRGOV conditional arrangement political (asserted)",
        ],
    );
}

#[test]
fn skepticism_and_wariness() {
    check(
        "Macron is skeptical that the plan will work.",
        &["FRAGOV against plan (asserted)"],
    );
    // Doubting an adversary will concede is wanting the concession.
    check(
        "Israel remains skeptical that Hamas would ever give up its weapons.",
        &["ISRGOV for disarm PSEREBHMS (asserted)"],
    );
    check(
        "Iran is skeptical that Washington would ever lift sanctions.",
        &["IRNGOV for lift sanction (asserted)"],
    );
    check(
        "South Korea is wary that North Korea could resume nuclear tests.",
        &["KORGOV against resume nuclear test PRKGOV (asserted)"],
    );
    check(
        "Japan is wary of Chinese naval expansion.",
        &["JPNGOV against expand naval CHN (asserted)"],
    );
}

#[test]
fn beliefs_arguments_and_frames() {
    check(
        "Netanyahu views the agreement as a mistake.",
        &["ISRGOV against agreement (asserted)"],
    );
    check(
        "From Moscow's perspective, NATO expansion risks destabilizing Europe.",
        &["RUSGOV against expand IGOWSTNAT (asserted)"],
    );
    check(
        "For Erdogan, the new constitution is unacceptable.",
        &["TURGOV against constitution (asserted)"],
    );
    check(
        "In Tehran's calculus, a return to talks can help secure relief.",
        &["IRNGOV for return talk (asserted)"],
    );
    check(
        "US officials argue that sanctions relief would reward Tehran.",
        &["USAGOV against lift sanction (asserted)"],
    );
    check(
        "A ceasefire, Egyptian officials argue, is the only way to save lives.",
        &["EGYGOV for CEASEFIRE (asserted)"],
    );
    check(
        "Without a credible reform plan, Germany argues, the loan will fail.",
        &["DEUGOV for plan reform (asserted)"],
    );
    check(
        "Trump believes economic incentives and diplomacy can marginalize extremists.",
        &[
            "USAGOV for economic incentive (reported)",
            "USAGOV for diplomacy (reported)",
        ],
    );
}

#[test]
fn attribution_is_kept() {
    // The aides hold the belief; the accused's stance is reported through them.
    check(
        "Trump's senior aides believe Netanyahu is stalling the talks.",
        &[
            "USAGOV for talk (reported)",
            "ISRGOV against talk (reported)",
        ],
    );
    check(
        "Egypt reportedly urged Hamas to accept the truce.",
        &["EGYGOV for accept CEASEFIRE (reported)"],
    );
    check(
        "According to Egyptian officials, Hamas is ready to release the hostages.",
        &["PSEREBHMS for HOSTAGE_RELEASE PSEREBHMS (reported)"],
    );
}

#[test]
fn references_within_the_article() {
    // "he" is the recogniser's resolved pronoun.
    check(
        "Netanyahu met the envoy on Monday. He insists that Hamas must disarm first.",
        &["ISRGOV for disarm PSEREBHMS (asserted)"],
    );
    check(
        "Netanyahu spoke on Monday. From his standpoint, the truce is temporary.",
        &["ISRGOV against CEASEFIRE (asserted)"],
    );
    // "the request" takes the opposite side of what was asked.
    check(
        "Ukraine urged Germany to send more air defence systems. Berlin rejected the request.",
        &[
            "UKRGOV for send air defence system (asserted)",
            "DEUGOV against send air defence system (asserted)",
        ],
    );
    // "the measures" are the sanctions named before.
    check(
        "Washington imposed sanctions on Syria in 2019. Trump now wants to lift the measures.",
        &["USAGOV for lift sanction SYRGOV (asserted)"],
    );
    // A bare "delays" is about the last destination of progress.
    check(
        "Israel is slowing progress toward the second phase of the plan. From Washington's perspective, delays risk unraveling the deal.",
        &["ISRGOV against phase plan second (asserted)", "USAGOV for phase plan second (asserted)"],
    );
}

#[test]
fn requirements_outcomes_and_objects_of_verbs() {
    check(
        "Kyiv insists that any ceasefire must include security guarantees.",
        &[
            "UKRGOV for SECURITY_GUARANTEES (asserted)",
            "UKRGOV conditional CEASEFIRE (asserted)",
        ],
    );
    check(
        "From Budapest's perspective, sanctions have failed.",
        &["HUNGOV against sanction (asserted)"],
    );
    // "calls" after a verb is its object, not a cue of its own.
    check(
        "Zelensky rejected calls for territorial concessions.",
        &["UKRGOV against concession territorial (asserted)"],
    );
    // What is feared of an actor is that actor's act.
    check(
        "Merz is wary that Beijing could retaliate.",
        &["DEUGOV against retaliate CHNGOV (asserted)"],
    );
    // "the ban" is the ban named before, with its object.
    check(
        "Hungary opposes a ban on Russian gas imports. Poland has pushed for the ban to take effect.",
        &["HUNGOV against ban gas import RUS (asserted)", "POLGOV for ban gas import RUS (asserted)"],
    );
}

#[test]
fn what_is_not_a_stance() {
    check("The US-backed plan stalled.", &[]);
    check(
        "The plan, supported by an international presence, moved ahead.",
        &[],
    );
    check("Delays risk undermining the talks.", &[]);
    check("Trump hopes to build.", &[]);
}

#[test]
fn odd_input_does_not_panic() {
    let inputs = [
        "",
        ",,,",
        "Urged to.",
        "Netanyahu urged",
        "From Moscow's perspective,",
        "For Trump,",
        "Hamas, or, and, unless",
        "Israel backs only if",
        "aကing ကing ᐃᓄᒃᑎᑐᑦ backs — — “ ” \" unless",
        "Trump believes that that that.",
        "Egypt urged Israel to",
        "The measures. Trump wants to lift the measures. He rejected the request.",
    ];
    for input in inputs {
        let _ = common::stances(input, "2026-01-11");
    }
    let long = "Trump backs the deal and ".repeat(500);
    let _ = common::stances(&long, "2026-01-11");
}
