//! Data-driven coding tests: sentences written for these tests, each with the events a
//! careful analyst codes from it (`SOURCE TARGET CODE modality`), grouped by phenomenon.

use dyad_model::{Article, NaiveDate};
use dyad_pipeline::Engine;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::builtin().0)
}

fn check(text: &str, date: &str, expected: &[&str]) {
    let mut article = Article::new("test", text);
    article.published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    let analysis = engine().analyse(article);
    let got: Vec<String> = analysis
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e.source.code, e.target.code, e.code, e.modality
            )
        })
        .collect();
    assert_eq!(got, expected, "events of {text:?}");
}

#[test]
fn reference_style_appeal_rejection_and_intent() {
    check(
        "Netanyahu reportedly urged Trump to retain US sanctions on Damascus. Trump, focused on reducing entanglements, rejected the request and moved ahead with plans to lift the measures.",
        "2026-01-11",
        &[
            "ISRGOV USAGOV 020 reported",
            "USAGOV ISRGOV 120 asserted",
            "USAGOV SYRGOV 0354 intended",
        ],
    );
}

#[test]
fn passive_voice_swaps_source_and_target() {
    check(
        "The proposal by Iran was rejected by Israel.",
        "2026-01-11",
        &[],
    );
    check(
        "Hamas was criticized by Egypt.",
        "2026-01-11",
        &["EGYGOV PSEREBHMS 111 asserted"],
    );
}

#[test]
fn negation() {
    check(
        "Israel did not reject the offer from Hamas.",
        "2026-01-11",
        &["ISRGOV PSEREBHMS 120 negated"],
    );
}

#[test]
fn compound_actors_give_one_event_per_pair() {
    check(
        "Egypt and Qatar urged Hamas to accept the truce.",
        "2026-01-11",
        &[
            "EGYGOV PSEREBHMS 0256 asserted",
            "QATGOV PSEREBHMS 0256 asserted",
        ],
    );
    check(
        "Turkey condemned Israel and Iran.",
        "2026-01-11",
        &["TURGOV ISRGOV 111 asserted", "TURGOV IRNGOV 111 asserted"],
    );
}

#[test]
fn intent_and_hypothesis() {
    check(
        "Washington plans to lift sanctions on Venezuela.",
        "2026-01-11",
        &["USAGOV VENGOV 0354 intended"],
    );
    check(
        "Iran could reject the proposal from France.",
        "2026-01-11",
        &["IRNGOV FRAGOV 120 hypothetical"],
    );
}

#[test]
fn attribution_keeps_the_embedded_actor_as_source() {
    check(
        "Officials in Kyiv said Russia had criticized Poland.",
        "2026-01-11",
        &["RUSGOV POLGOV 111 reported"],
    );
}

#[test]
fn parentheticals_and_prepositional_actors_are_not_subjects() {
    check(
        "Trump, speaking after talks with Egypt, criticized Iran.",
        "2026-01-11",
        &["USAGOV IRNGOV 111 asserted"],
    );
}

#[test]
fn dated_roles_decide_the_code() {
    check(
        "Trump criticized China.",
        "2019-06-01",
        &["USAGOV CHNGOV 111 asserted"],
    );
    check(
        "Trump criticized China.",
        "2022-06-01",
        &["USAELI CHNGOV 111 asserted"],
    );
}

#[test]
fn sports_sentences_are_discarded() {
    check(
        "Brazil defeated Argentina in the football final.",
        "2026-01-11",
        &[],
    );
}

#[test]
fn control_verbs_give_one_event() {
    check(
        "Obama agreed to lift the sanctions on Iran.",
        "2015-06-09",
        &["USAGOV IRNGOV 085 asserted"],
    );
    check(
        "Russia threatened to attack Moldova.",
        "2026-01-11",
        &["RUSGOV MDAGOV 1384 asserted"],
    );
    check(
        "Russia vowed to attack Moldova.",
        "2026-01-11",
        &["RUSGOV MDAGOV 138 intended"],
    );
    check(
        "Iran refused to meet France.",
        "2026-01-11",
        &["IRNGOV FRAGOV 125 asserted"],
    );
}

#[test]
fn agents_placed_in_a_country_belong_to_it() {
    check(
        "Police in Georgia arrested opposition supporters.",
        "2026-01-11",
        &["GEOCOP GEOOPP 173 asserted"],
    );
}

#[test]
fn passive_agent_after_a_determiner_and_pronoun_subjects() {
    check(
        "The talks between Armenia and Azerbaijan were hosted by the United States.",
        "2026-01-11",
        &["USAGOV ARMGOV 043 asserted", "USAGOV AZEGOV 043 asserted"],
    );
    check(
        "Egypt's president visited Riyadh, where he met Saudi Arabia's king.",
        "2026-01-11",
        &[
            "EGYGOV SAUGOV 042 asserted",
            "SAUGOV EGYGOV 043 asserted",
            "EGYGOV SAUGOV 040 asserted",
        ],
    );
}

#[test]
fn quantities_and_attack_agents() {
    check(
        "Hundreds of UN troops withdrew from Syria on Monday.",
        "2026-01-11",
        &["IGOUNOMIL SYRGOV 0874 asserted"],
    );
    check(
        "Three civilians were killed in Russian drone strikes in Kharkiv.",
        "2026-01-11",
        &["RUSMIL UKR 190 asserted"],
    );
}

#[test]
fn appeals_and_demands_take_the_code_of_what_they_ask_for() {
    check(
        "Germany urged Iran to release the detained journalists.",
        "2026-01-11",
        &["DEUGOV IRNGOV 0253 asserted"],
    );
    check(
        "The EU demanded that Russia withdraw its troops.",
        "2026-01-11",
        &["IGOEUREEC RUSGOV 106 asserted"],
    );
    // What one actor wants another to do is an appeal to it, not the other's act.
    check(
        "Washington wants Israel to attack Hezbollah.",
        "2026-01-11",
        &["USAGOV ISRGOV 020 asserted"],
    );
    check(
        "Egypt wants Israel to reopen the Rafah crossing.",
        "2026-01-11",
        &["EGYGOV ISRGOV 0255 asserted"],
    );
}

#[test]
fn refusals_and_reported_intentions() {
    // A negated promise of cooperation is a refusal; a negated past act is nothing.
    check(
        "Turkey said it would not support Sweden's bid.",
        "2026-01-11",
        &["TURGOV SWEGOV 120 asserted"],
    );
    check(
        "Hamas said it would not attend the talks with Israel.",
        "2026-01-11",
        &["PSEREBHMS ISRGOV 125 asserted"],
    );
    check(
        "Israel did not attack Lebanon.",
        "2026-01-11",
        &["ISRGOV LBNGOV 190 negated"],
    );
    // "said it would" reports an intention, and the announcement is only its vehicle.
    check(
        "Pakistan said it would release 200 Indian fishermen.",
        "2026-01-11",
        &["PAKGOV INDAGR 0353 intended"],
    );
    check(
        "Egypt announced it will reopen the crossing for Palestinians.",
        "2026-01-11",
        &["EGYGOV PSE 0355 intended"],
    );
    // Announced force, even on a condition, is a threat; a bare conditional stays a
    // hypothesis.
    check(
        "Iran said it would attack Israel if Israel struck its nuclear sites.",
        "2026-01-11",
        &["IRNGOV ISRGOV 138 intended"],
    );
    check(
        "Iran could attack Israel.",
        "2026-01-11",
        &["IRNGOV ISRGOV 190 hypothetical"],
    );
}

#[test]
fn receiving_is_the_giver_acting() {
    check(
        "Kyiv received air defence missiles from Germany.",
        "2026-01-11",
        &["DEUGOV UKRGOV 072 asserted"],
    );
    check(
        "Armenia received security guarantees from France.",
        "2026-01-11",
        &["FRAGOV ARMGOV 030 asserted"],
    );
    check(
        "Putin received the Iranian president in the Kremlin.",
        "2026-01-11",
        &["RUSGOV IRNGOV 043 asserted", "IRNGOV RUSGOV 042 asserted"],
    );
}

#[test]
fn places_topics_and_mediators_are_not_the_other_party() {
    check(
        "Azerbaijan and Armenia signed a peace agreement in Washington.",
        "2026-01-11",
        &["AZEGOV ARMGOV 057 asserted", "ARMGOV AZEGOV 057 asserted"],
    );
    check(
        "South Korea and Japan held talks on North Korea's nuclear programme.",
        "2026-01-11",
        &["KORGOV JPNGOV 046 asserted", "JPNGOV KORGOV 046 asserted"],
    );
    check(
        "Ukraine and Russia exchanged 300 prisoners in a deal mediated by the United Arab Emirates.",
        "2026-01-11",
        &["UKRGOV RUSGOV 0841 asserted", "RUSGOV UKRGOV 0841 asserted"],
    );
    check(
        "Ethiopia and Eritrea traded accusations over the border.",
        "2026-01-11",
        &["ETHGOV ERIGOV 112 asserted", "ERIGOV ETHGOV 112 asserted"],
    );
    // Force used in a region of a country is used against the country.
    check(
        "Hezbollah fired rockets at northern Israel.",
        "2026-01-11",
        &["LBNREB ISR 195 asserted"],
    );
    // The source of a report is not a doer; a shared border is no target.
    check(
        "According to Ukrainian officials, Russian missiles hit an energy facility.",
        "2026-01-11",
        &[],
    );
    check(
        "Pakistani troops killed 12 militants near the Afghan border.",
        "2026-01-11",
        &["PAKMIL ---REB 190 asserted"],
    );
    check(
        "Russia deployed tanks near the Ukrainian border.",
        "2026-01-11",
        &["RUSGOV UKR 154 asserted"],
    );
}

#[test]
fn counted_victims_and_the_country_of_the_sentence() {
    check(
        "There were 10 Russian soldiers killed in Ukraine today.",
        "2026-01-11",
        &[],
    );
    check(
        "Protesters in Tbilisi clashed with police after the government suspended EU accession talks.",
        "2026-01-11",
        &["GEOOPP GEOCOP 145 asserted", "GEOGOV IGOEUREEC 164 asserted"],
    );
    check(
        "Congress is asking the president to help Iran.",
        "2026-01-11",
        &[],
    );
}

#[test]
fn reduced_relatives_and_reported_plans() {
    // What the object is accused of names someone else, and the participle is no verb.
    check(
        "Iran executed a man accused of spying for Israel.",
        "2026-01-11",
        &[],
    );
    check(
        "Germany's Foreign Minister said Berlin would increase humanitarian aid to Gaza.",
        "2026-01-11",
        &["DEUGOV PSEGZA 0333 intended"],
    );
}

#[test]
fn common_news_verbs() {
    check(
        "China sanctioned US defence companies over arms sales to Taiwan.",
        "2026-01-11",
        &["CHNGOV USABUS 163 asserted"],
    );
    check(
        "Morocco and Algeria have cut diplomatic ties.",
        "2026-01-11",
        &["MARGOV DZAGOV 161 asserted", "DZAGOV MARGOV 161 asserted"],
    );
    check(
        "Zelensky asked Western allies for more air defence systems.",
        "2026-01-11",
        &["UKRGOV WST 0232 asserted"],
    );
    check(
        "Iran armed the Houthis.",
        "2026-01-11",
        &["IRNGOV YEMREB 072 asserted"],
    );
}

#[test]
fn a_sentence_opening_on_a_condition_predicts() {
    check(
        "Without a credible plan, Saudi Arabia will refuse to deepen ties with Israel.",
        "2026-01-11",
        &["SAUGOV ISRGOV 120 hypothetical"],
    );
    check(
        "If talks fail, Israel will strike Iran.",
        "2026-01-11",
        &["ISRGOV IRNGOV 195 hypothetical"],
    );
}

#[test]
fn objects_and_wanted_acts_are_not_events() {
    // A present form right after a past verb is its object noun.
    check(
        "Washington said the plan enjoyed support from Moscow.",
        "2026-01-11",
        &[],
    );
    // What an actor is pressed to do has not been done.
    check(
        "Obama faces pressure from Congress to help Iran.",
        "2026-01-11",
        &[],
    );
}

#[test]
fn openers_and_mutual_acts() {
    // A place in an opening phrase is not part of the subject.
    check(
        "Speaking at the UN, Turkey's foreign minister accused Israel of genocide.",
        "2026-01-11",
        &["TURGOV ISRGOV 1124 asserted"],
    );
    check(
        "Both Russia and Ukraine accused each other of violating the truce.",
        "2026-01-11",
        &["RUSGOV UKRGOV 112 asserted", "UKRGOV RUSGOV 112 asserted"],
    );
    check(
        "The Egyptian foreign ministry called on Israel to halt its military operations in Rafah.",
        "2026-01-11",
        &["EGYGOV ISRGOV 0256 asserted"],
    );
    // An opener's comma is no count of victims.
    check(
        "Yesterday, Egypt called on Israel to halt its military operations in Rafah.",
        "2026-01-11",
        &["EGYGOV ISRGOV 0256 asserted"],
    );
}

#[test]
fn passives_with_a_thing_for_subject() {
    // The object noun of the pattern stands before the verb.
    check(
        "New sanctions were imposed on Iran by the European Union.",
        "2026-01-11",
        &["IGOEUREEC IRNGOV 163 asserted"],
    );
    check(
        "Sanctions on Russia were lifted by the United States.",
        "2026-01-11",
        &["USAGOV RUSGOV 085 asserted"],
    );
    check(
        "Air strikes were carried out on Gaza by Israeli jets.",
        "2026-01-11",
        &["ISRMIL PSEGZA 195 asserted"],
    );
    // Where a passive attack came from is who made it; the sayer is not its victim.
    check(
        "Rockets were fired from Lebanon at northern Israel overnight.",
        "2026-01-11",
        &["LBN ISR 195 asserted"],
    );
    check(
        "Syria said a rocket was fired from Iraq at Damascus.",
        "2026-01-11",
        &["IRQ SYR 195 reported", "SYRGOV IRQ 1123 asserted"],
    );
    check(
        "Israel said a mortar bomb was fired at it from the Gaza Strip.",
        "2026-01-11",
        &["PSEGZA ISR 194 reported", "ISRGOV PSEGZA 1123 asserted"],
    );
    // Violence done to a thing is done to whoever owns it.
    check(
        "The Russian embassy was attacked by Ukrainian protesters.",
        "2026-01-11",
        &["UKROPP RUS 190 asserted"],
    );
    // A weapon in the by-phrase passes to whoever used it.
    check(
        "The Turkish convoy was hit by a drone launched by Kurdish militants.",
        "2026-01-11",
        &["---REB TUR 190 asserted"],
    );
}

#[test]
fn disasters_and_accidents_have_no_doer() {
    check(
        "Dozens of Malaysian passengers were killed by the Malaysia Airlines crash.",
        "2026-01-11",
        &[],
    );
    check(
        "The Turkey earthquake killed thousands of Syrians.",
        "2026-01-11",
        &[],
    );
}

#[test]
fn armed_actors_of_no_known_country_and_sides_taken() {
    check(
        "Gunmen killed five police officers in Kabul on Sunday.",
        "2026-01-11",
        &["---UAF AFGCOP 190 asserted"],
    );
    check(
        "Rebels shelled a government-held district of Aleppo.",
        "2026-01-11",
        &["---REB SYR 194 asserted"],
    );
    // "pro-Russia" rebels are not Russia's.
    check(
        "Pro-Russian separatists attacked Ukrainian positions near Donetsk.",
        "2026-01-11",
        &["---REB UKR 190 asserted"],
    );
    // Protesters belong to the place they protest in; a speaker is not a third party.
    check(
        "Protesters stormed the Swedish embassy in Baghdad.",
        "2026-01-11",
        &["IRQOPP SWEGOV 145 asserted"],
    );
    check(
        "Germany will send more tanks to Ukraine, Chancellor Olaf Scholz said.",
        "2026-01-11",
        &["DEUGOV UKRGOV 0332 intended"],
    );
}

#[test]
fn threats_are_coded_by_what_they_threaten() {
    check(
        "Erdogan threatened to block Sweden's bid to join NATO.",
        "2026-01-11",
        &["TURGOV SWEGOV 131 asserted"],
    );
    check(
        "Trump threatened to impose tariffs on Canada.",
        "2026-01-11",
        &["USAGOV CANGOV 1312 asserted"],
    );
}

#[test]
fn hyphenated_words_count_once_in_a_pattern_gap() {
    check(
        "Israel and Hamas agreed to a seven-day truce.",
        "2026-01-11",
        &[
            "ISRGOV PSEREBHMS 0871 asserted",
            "PSEREBHMS ISRGOV 0871 asserted",
        ],
    );
    // A refused permission is a refusal to yield.
    check(
        "Obama said he would not give permission to Russia to help Israel.",
        "2015-06-01",
        &["USAGOV RUSGOV 124 asserted"],
    );
}

#[test]
fn saying_that_another_used_force_is_an_accusation() {
    // The attack is the attacker's event, reported; the claim is the speaker's accusation.
    check(
        "Ukraine said Russian missiles hit Kyiv overnight.",
        "2026-01-11",
        &["RUS UKRGOV 190 reported", "UKRGOV RUS 1123 asserted"],
    );
    // A trailing attribution reports, but names a source, not an accuser.
    check(
        "Hamas fired rockets at Israel, the Israeli army said.",
        "2026-01-11",
        &["PSEREBHMS ISRGOV 195 reported"],
    );
    // Saying that one's own forces struck is no accusation.
    check(
        "The Pakistani military said its forces killed 10 militants in North Waziristan.",
        "2026-01-11",
        &["PAKMIL PAKREB 190 reported"],
    );
}

#[test]
fn prefixed_verbs() {
    check(
        "Washington re-imposed sanctions on Iran.",
        "2026-01-11",
        &["USAGOV IRNGOV 163 asserted"],
    );
    check(
        "UN inspectors want to re-examine the refineries in Iran.",
        "2026-01-11",
        &["IGOUNO IRNGOV 090 intended"],
    );
}

#[test]
fn mutual_acts_have_both_sides() {
    // A visit is hosted; talks and calls are shared; a meeting stays one-way.
    check(
        "Blinken visited Beijing on Monday.",
        "2024-05-01",
        &["USAGOV CHNGOV 042 asserted", "CHNGOV USAGOV 043 asserted"],
    );
    check(
        "Iran's foreign minister held talks with Oman's sultan.",
        "2024-05-01",
        &["IRNGOV OMNGOV 046 asserted", "OMNGOV IRNGOV 046 asserted"],
    );
    check(
        "Putin met Xi Jinping.",
        "2024-05-01",
        &["RUSGOV CHNGOV 040 asserted"],
    );
    // Only what was done: a planned visit has no host yet.
    check(
        "Blinken will visit Beijing next week.",
        "2024-05-01",
        &["USAGOV CHNGOV 036 intended"],
    );
}

#[test]
fn responsibility_is_for_an_attack_on_someone() {
    check(
        "Al-Shabab claimed responsibility for a deadly attack targeting shoppers at a mall in Kenya's capital.",
        "2026-01-11",
        &["SOMREB KEN 015 asserted"],
    );
    check(
        "Russia denied responsibility for the explosions in Germany.",
        "2026-01-11",
        &["RUSGOV DEU 016 asserted"],
    );
}

#[test]
fn what_a_speaker_says_another_must_do_is_a_demand() {
    check(
        "France said Israel must halt its offensive in Gaza.",
        "2026-01-11",
        &["FRAGOV ISRGOV 1056 asserted"],
    );
    check(
        "Germany said Russia should withdraw its troops from Ukraine.",
        "2026-01-11",
        &["DEUGOV RUSGOV 0256 asserted"],
    );
    check(
        "Egypt said Israel must stop attacking civilians in Rafah.",
        "2026-01-11",
        &["EGYGOV ISRGOV 1056 asserted"],
    );
}

#[test]
fn seas_and_regions_are_where_not_whom() {
    check(
        "The Iranian navy seized an oil tanker in the Gulf of Oman.",
        "2026-01-11",
        &[],
    );
}

#[test]
fn fighting_named_as_a_noun_and_who_can_be_a_party() {
    check(
        "Heavy fighting between Sudan's army and the Rapid Support Forces raged in Khartoum.",
        "2026-01-11",
        &["SDNMIL SDNREB 190 asserted", "SDNREB SDNMIL 190 asserted"],
    );
    // Feared fighting is none.
    check(
        "Diplomats fear clashes between Serbia and Kosovo.",
        "2026-01-11",
        &[],
    );
    // Talks on one's own soil are not with one's own country.
    check(
        "Biden and Xi held talks at an estate south of San Francisco.",
        "2024-05-01",
        &["USAGOV CHNGOV 046 asserted", "CHNGOV USAGOV 046 asserted"],
    );
    // A time phrase does not hide a demand's addressee.
    check(
        "Beijing demanded on Thursday that Washington stop arms sales to Taiwan.",
        "2026-01-11",
        &["CHNGOV USAGOV 100 asserted"],
    );
}

#[test]
fn venues_makers_and_joint_acts() {
    // A summit's sidelines are where, not whom: the two leaders met each other.
    check(
        "Modi and Xi spoke on the sidelines of the BRICS summit in Johannesburg.",
        "2024-05-01",
        &["INDGOV CHNGOV 040 asserted", "CHNGOV INDGOV 040 asserted"],
    );
    // The maker of a thing is not what the thing does.
    check(
        "The first US-made Abrams tanks have arrived in Ukraine.",
        "2024-05-01",
        &[],
    );
    // Criticism drawn from someone is theirs.
    check(
        "Orban met Putin in Moscow, drawing sharp rebukes from EU leaders.",
        "2024-07-05",
        &[
            "HUNGOV RUSGOV 040 asserted",
            "IGOEUREEC HUNGOV 111 asserted",
        ],
    );
    // Joint exercises of a compound subject are military cooperation both ways.
    check(
        "The United States and the Philippines launched joint military exercises on Tuesday.",
        "2024-05-01",
        &["USAGOV PHLGOV 062 asserted", "PHLGOV USAGOV 062 asserted"],
    );
}

#[test]
fn nouns_that_look_like_verbs() {
    // A participle after a count qualifies its noun; "freed" is the act.
    check(
        "Iran freed five detained Americans on Monday.",
        "2024-05-01",
        &["IRNGOV USA 0841 asserted"],
    );
    // "rape by Russian troops", "an arson attack on a factory": nouns, not acts.
    check(
        "A UN commission is investigating torture and rape by Russian troops.",
        "2024-05-01",
        &["IGOUNO RUSMIL 090 asserted"],
    );
    // A capitalised word inside a sentence is a name ("Free Tibet").
    check(
        "American activists unfurled Free Tibet banners in Beijing.",
        "2024-05-01",
        &[],
    );
    // An actor qualifying the noun before an -ing form is not its subject.
    check(
        "Washington vetoed a Security Council resolution demanding a ceasefire in Gaza.",
        "2024-05-01",
        &["USAGOV IGOUNO 129 asserted"],
    );
    // A possessor belongs to the actor it qualifies, in a compound subject too.
    check(
        "Israel and Lebanon's Hezbollah agreed to a ceasefire.",
        "2024-05-01",
        &["ISRGOV LBNREB 0871 asserted", "LBNREB ISRGOV 0871 asserted"],
    );
}

#[test]
fn pronoun_objects_plural_nouns_and_mass_killing() {
    check(
        "Burkina Faso's military government expelled three French diplomats, accusing them of subversive activities.",
        "2024-05-01",
        &["BFAMIL FRAGOV 166 asserted", "BFAMIL FRAGOV 112 asserted"],
    );
    // "seafood imports from Japan" is a noun phrase, not an import.
    check(
        "China suspended all seafood imports from Japan on Thursday.",
        "2024-05-01",
        &["CHNGOV JPNGOV 160 asserted"],
    );
    check(
        "Eritrean troops killed hundreds of civilians in the Ethiopian town of Axum.",
        "2024-05-01",
        &["ERIMIL ETH 202 asserted"],
    );
}

#[test]
fn attacks_named_as_nouns_that_open_a_clause() {
    // A plural attack noun led by its doer and followed by its target reports attacks.
    check(
        "Israeli airstrikes on southern Lebanon killed five people, the health ministry said.",
        "2024-05-01",
        &["ISR LBN 195 reported"],
    );
    check(
        "Russian missile attacks on Ukrainian cities continued overnight.",
        "2024-05-01",
        &["RUS UKR 190 asserted"],
    );
    // As the object of another act, the attacks are what is condemned, not a second event.
    check(
        "The UN condemned Israeli strikes on Gaza.",
        "2024-05-01",
        &["IGOUNO ISR 111 asserted"],
    );
    // Blocking roads and crossings is a protest by obstruction.
    check(
        "Polish farmers blocked border crossings with Ukraine.",
        "2024-05-01",
        &["POLAGR UKRGOV 144 asserted"],
    );
}

#[test]
fn participles_after_objects() {
    // The actor of a prepositional phrase ("at the ICJ") is not the subject of the -ing form
    // after it; the filer accuses.
    check(
        "South Africa filed a case at the International Court of Justice accusing Israel of genocide.",
        "2024-05-01",
        &["ZAFGOV ISRGOV 115 asserted", "ZAFGOV ISRGOV 1124 asserted"],
    );
    // An -ing form right after a plural noun says what those people were doing: the police
    // did not protest.
    check(
        "Indian police arrested dozens of opposition lawmakers protesting in New Delhi.",
        "2024-05-01",
        &["INDCOP INDGOV 173 asserted"],
    );
}

#[test]
fn crowds_protest_as_people_of_the_place() {
    // Protesters no dictionary names are the people of the place they protest in; where
    // they protest against nobody named, they protest against their government.
    check(
        "Hundreds of people demonstrated in London on Saturday against Israel's military campaign in Gaza.",
        "2024-05-01",
        &["GBR ISRMIL 141 asserted"],
    );
    check(
        "Thousands protested in Tbilisi against a law on foreign agents.",
        "2024-05-01",
        &["GEO GEOGOV 141 asserted"],
    );
    // "suspected" before the actor it qualifies does not end the object search.
    check(
        "Turkey has detained dozens of suspected Islamic State militants.",
        "2024-05-01",
        &["TURGOV IMGMUSISI 173 asserted"],
    );
}

#[test]
fn demonyms_and_participles_before_nouns() {
    // "a Russian assault" is a noun phrase: the assault is repelled, not a second event.
    check(
        "Ukrainian troops repelled a Russian assault near Bakhmut, the army said.",
        "2024-05-01",
        &["UKRMIL RUS 190 reported"],
    );
    // "looted" qualifies the artefacts; nobody looted anything here.
    check(
        "The Netherlands returned looted artefacts to Indonesia.",
        "2024-05-01",
        &[],
    );
}

#[test]
fn given_names_brokers_venues_and_members() {
    // "Abbas" before "Araqchi" is his given name, not Mahmoud Abbas.
    check(
        "Iranian Foreign Minister Abbas Araqchi met Omani officials in Muscat.",
        "2025-05-01",
        &["IRNGOV OMNGOV 040 asserted"],
    );
    // A broker named in a compound adjective is no party: the signatories sign with each
    // other.
    check(
        "Armenia and Azerbaijan signed a US-brokered peace agreement at the White House.",
        "2025-08-08",
        &["ARMGOV AZEGOV 057 asserted", "AZEGOV ARMGOV 057 asserted"],
    );
    // "Leaders of the G7" act for the G7; a loan "backed by" anything is a noun phrase.
    check(
        "Leaders of the Group of Seven pledged to provide Ukraine with a $50 billion loan backed by frozen Russian assets.",
        "2024-06-13",
        &["IGOGOS UKRGOV 0331 intended"],
    );
    // A present-perfect relative clause characterises the group; it reports no news.
    check(
        "Jordan condemned the militant group that has seized parts of Syria.",
        "2014-09-15",
        &["JORGOV ---REB 111 asserted"],
    );
    // Hosting a summit at home is no meeting with oneself.
    check(
        "Brazil is hosting the climate summit in the Amazon city of Belem.",
        "2025-11-10",
        &[],
    );
}

#[test]
fn adverbs_conjuncts_and_object_pronouns() {
    // "back into Gaza" is an adverb, not support; "close to the borders" an adjective.
    check(
        "UN Secretary-General Antonio Guterres called on Israel on Monday to allow humanitarian aid back into Gaza.",
        "2025-03-03",
        &["IGOUNO ISRGOV 020 asserted"],
    );
    check(
        "Russia and Belarus launched joint military exercises, with drills held close to the borders of Poland and Lithuania.",
        "2025-09-12",
        &["RUSGOV BLRGOV 062 asserted", "BLRGOV RUSGOV 062 asserted"],
    );
    // Both conjuncts after "between" are governed: relations hit bottom, nobody hit anyone.
    check(
        "Lavrov said relations between Moscow and the European Union had hit rock bottom.",
        "2025-03-03",
        &[],
    );
    // An object pronoun stands for the target just named, after an irregular past too.
    check(
        "Rwanda cut diplomatic ties with Belgium, accusing it of taking sides in the conflict in eastern Congo.",
        "2025-03-17",
        &["RWAGOV BELGOV 161 asserted", "RWAGOV BELGOV 112 asserted"],
    );
}

#[test]
fn gerunds_share_the_clause_subject() {
    // A gerund after "by" or "after" is a verb whose subject is the clause's.
    check(
        "Israel struck Iran's nuclear facilities on Friday, and Iran responded by firing ballistic missiles at Israel.",
        "2025-06-13",
        &["ISRGOV IRNGOV 195 asserted", "IRNGOV ISRGOV 195 asserted"],
    );
    check(
        "Trump praised Syria's interim president Ahmed al-Sharaa after meeting him in Riyadh.",
        "2025-05-14",
        &["USAGOV SYRGOV 051 asserted", "USAGOV SYRGOV 040 asserted"],
    );
    // A split infinitive is an infinitive: the court's order is a demand, the halt not done.
    check(
        "The International Court of Justice ordered Israel to immediately halt its military offensive in Rafah.",
        "2024-05-24",
        &["IGOUNOJUDICJ ISRGOV 100 asserted"],
    );
    // What an appeal asks for is not done, in a second coordinated infinitive either.
    check(
        "Pope Francis urged Israel and Hamas to agree to a ceasefire and release all the hostages.",
        "2024-03-03",
        &[
            "VATGOV ISRGOV 0256 asserted",
            "VATGOV PSEREBHMS 0256 asserted",
        ],
    );
}

#[test]
fn clashes_assassinations_and_places() {
    // A clash is fought by both sides.
    check(
        "Israeli forces clashed with Palestinian gunmen in the Jenin refugee camp on Monday.",
        "2024-05-01",
        &["ISRMIL PSEUAF 190 asserted", "PSEUAF ISRMIL 190 asserted"],
    );
    // ... but a place that only says where it happened is no side: rioters of no known
    // country leave the clash without a target.
    check(
        "Syrian forces clashed with rioters in the Egyptian square.",
        "2015-03-01",
        &[],
    );
    // Killing a named leader is an assassination (186); killing fighters is not.
    check(
        "Israel killed Hamas leader Yahya Sinwar in Rafah.",
        "2024-10-18",
        &["ISRGOV PSEREBHMS 186 asserted"],
    );
    check(
        "Israeli troops killed two Palestinian gunmen in Jenin.",
        "2024-10-18",
        &["ISRMIL PSEUAF 190 asserted"],
    );
    // Pausing military aid reduces it; seizing villages occupies territory.
    check(
        "The United States paused all military aid to Ukraine on Monday.",
        "2025-03-03",
        &["USAGOV UKRGOV 1622 asserted"],
    );
}

#[test]
fn mandative_clauses_nouns_after_infinitives_and_clause_coordination() {
    // A bare verb after "that" and its subject is wanted, not done.
    check(
        "Putin proposed that Russia and Ukraine hold direct peace talks in Istanbul.",
        "2025-05-11",
        &[
            "RUSGOV UKRGOV 046 hypothetical",
            "UKRGOV RUSGOV 046 hypothetical",
        ],
    );
    // ... while a past verb there is reported as done.
    check(
        "The ministry said that Israel and Hamas agreed to a ceasefire.",
        "2025-01-15",
        &[
            "ISRGOV PSEREBHMS 0871 reported",
            "PSEREBHMS ISRGOV 0871 reported",
        ],
    );
    // "to end fighting": the -ing form is the infinitive's object, no fight.
    check(
        "The foreign ministers of Congo and Rwanda signed a peace agreement, committing to end fighting in eastern Congo.",
        "2025-06-27",
        &["CODGOV RWAGOV 057 asserted", "RWAGOV CODGOV 057 asserted"],
    );
    // ", and" after a preposition's object joins two clauses: Congo expelled no one.
    check(
        "Rwanda cut diplomatic ties with Belgium over the conflict in eastern Congo, and Brussels responded by expelling Rwandan diplomats.",
        "2025-03-17",
        &["RWAGOV BELGOV 161 asserted", "IGOEUREEC RWAGOV 166 asserted"],
    );
}

#[test]
fn places_of_things_intentions_and_arrests_at_home() {
    // The place a thing is in says whose it is.
    check(
        "A building in Dnipro was hit by Russian missiles.",
        "2025-03-03",
        &["RUS UKR 190 asserted"],
    );
    // Intended diplomatic cooperation is 032.
    check(
        "China is willing to deepen its strategic partnership with Brazil.",
        "2024-11-20",
        &["CHNGOV BRAGOV 032 intended"],
    );
    // A government may arrest its own named people.
    check(
        "South Sudan's government placed First Vice President Riek Machar under house arrest.",
        "2025-03-27",
        &["SSDGOV SSDGOV 173 asserted"],
    );
    // Shooting a named leader is an assassination attempt or killing (186).
    check(
        "A gunman shot Slovak Prime Minister Robert Fico outside a government meeting.",
        "2024-05-15",
        &["---UAF SVKGOV 186 asserted"],
    );
}

#[test]
fn counted_conjuncts_and_aid_deliveries() {
    // A count before the last conjunct does not cut the compound subject.
    check(
        "The United States, the European Union and nine Latin American countries urged Venezuela to publish the tallies.",
        "2024-08-01",
        &[
            "USAGOV VENGOV 020 asserted",
            "IGOEUREEC VENGOV 020 asserted",
            "LAM VENGOV 020 asserted",
        ],
    );
    // A participle set off after the opening subject is the subject's act.
    check(
        "German Foreign Minister Annalena Baerbock, visiting Damascus on Friday, pledged aid to Syria.",
        "2025-01-03",
        &[
            "DEUGOV SYRGOV 042 asserted",
            "SYRGOV DEUGOV 043 asserted",
            "DEUGOV SYRGOV 033 asserted",
        ],
    );
    check(
        "The International Committee of the Red Cross delivered medical supplies to two hospitals in Gaza City.",
        "2025-01-24",
        &["NGOHLHIRC PSEGZA 073 asserted"],
    );
}

#[test]
fn repression_articles_and_coordinated_modifiers() {
    // Security forces firing on their own country's protesters is violent repression (175).
    check(
        "Iraqi security forces opened fire on anti-government demonstrators in Baghdad, killing at least 40 people.",
        "2019-10-04",
        &["IRQCOP IRQOPP 175 asserted"],
    );
    // "A U.S." opens a sentence; it is no part of a person's name.
    check(
        "A U.S. drone strike near Baghdad airport killed Iranian Quds Force commander Qassem Soleimani.",
        "2020-01-03",
        &["USAMIL IRN 195 asserted"],
    );
    // "a full and immediate ceasefire" counts its modifiers once.
    check(
        "India and Pakistan agreed to a full and immediate ceasefire on Saturday.",
        "2025-05-10",
        &["INDGOV PAKGOV 0871 asserted", "PAKGOV INDGOV 0871 asserted"],
    );
    // An actor qualifying the noun before an -ing form is not its subject, after a
    // modifier too: the blocked statement criticised nobody.
    check(
        "Hungary blocked a joint EU statement criticising Israel.",
        "2024-04-01",
        &["HUNGOV IGOEUREEC 120 asserted"],
    );
}

#[test]
fn elections_charges_and_equipment() {
    // Defeating a rival at the polls is no use of force.
    check(
        "Donald Trump won the presidential election, defeating Vice President Kamala Harris.",
        "2024-11-06",
        &[],
    );
    // What deportees are accused of describes them; it is nobody's accusation.
    check(
        "The United States deported 200 Venezuelans accused of gang membership to El Salvador.",
        "2025-03-16",
        &["USAGOV VEN 174 asserted"],
    );
    // "armed with knives" is equipped, not supplied with arms.
    check(
        "Chinese coast guard personnel armed with knives boarded Philippine navy boats.",
        "2024-06-17",
        &["CHNMIL PHLMIL 171 asserted"],
    );
    // A resolution that was vetoed demanded nothing itself.
    check(
        "The United States vetoed a U.N. Security Council draft resolution demanding a ceasefire in Gaza.",
        "2024-11-20",
        &["USAGOV IGOUNO 129 asserted"],
    );
}

#[test]
fn prompted_acts_and_opening_visits() {
    // "prompting X to VERB" says X did it.
    check(
        "Russia expelled two British diplomats, prompting Britain to expel a Russian diplomat.",
        "2024-05-09",
        &["RUSGOV GBRGOV 166 asserted", "GBRGOV RUSGOV 166 asserted"],
    );
    // An opening "During a trip to Kyiv" is the subject's visit.
    check(
        "During a trip to Kyiv, Blinken pledged more aid to Ukraine.",
        "2024-05-14",
        &[
            "USAGOV UKRGOV 033 asserted",
            "USAGOV UKRGOV 042 asserted",
            "UKRGOV USAGOV 043 asserted",
        ],
    );
}

#[test]
fn states_of_mind_and_scare_quotes() {
    // "was concerned about" is the speaker's pessimistic comment, through scare quotes too.
    check(
        "India said on Tuesday that New Delhi was \"deeply concerned\" about the safety of minorities in neighbouring Bangladesh.",
        "2024-08-06",
        &["INDGOV BGDGOV 012 reported"],
    );
    // Force against weapons is force against whoever launched them.
    check(
        "Ukraine's air force said it had shot down 45 of 60 drones launched by Russia overnight.",
        "2025-05-23",
        &["UKRMIL RUS 190 reported"],
    );
    // An aim named by a noun ("in a bid to ease tensions") is no act.
    check(
        "Egypt hosted Hamas leaders in Cairo in a bid to end the war with Israel.",
        "2025-02-28",
        &[
            "EGYGOV PSEREBHMS 043 asserted",
            "PSEREBHMS EGYGOV 042 asserted",
        ],
    );
    // "a statement blaming Israel": "-ment" nouns are no adjectives, the statement blames.
    check(
        "Hamas issued a statement blaming Israel for the attack.",
        "2024-07-31",
        &["PSEREBHMS ISRGOV 1123 asserted"],
    );
    // ", including X" after an unnamed group names who was in it.
    check(
        "Belarus freed 14 prisoners, including opposition figure Siarhei Tsikhanouski, on Saturday.",
        "2025-06-21",
        &["BLRGOV BLROPP 0841 asserted"],
    );
    // "each" after a compound subject makes the act mutual.
    check(
        "Canada and India each expelled six diplomats on Monday.",
        "2024-10-14",
        &["CANGOV INDGOV 166 asserted", "INDGOV CANGOV 166 asserted"],
    );
    // What alarms others is no comment by whoever causes it.
    check(
        "Russia and Belarus launched joint military exercises, alarming neighbouring Poland.",
        "2025-09-12",
        &["RUSGOV BLRGOV 062 asserted", "BLRGOV RUSGOV 062 asserted"],
    );
}
