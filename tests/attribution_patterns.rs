//! Each attribution pattern news uses, end to end through the public API.

use quoteattr::{Article, ArticleAttributions, Attribution, AttributionKind, Attributor, Method};

fn attribute(text: &str) -> ArticleAttributions {
    let article = Article {
        id: "t".into(),
        title: None,
        text: text.into(),
    };
    Attributor::rules_only().attribute(&article).unwrap()
}

/// (kind, content texts joined by " … ", cue, source, speaker) of each attribution.
fn summary(a: &Attribution) -> (AttributionKind, String, String, String, String) {
    let content: Vec<&str> = a.content.iter().map(|c| c.text.as_str()).collect();
    (
        a.kind,
        content.join(" … "),
        a.cue.as_ref().map_or("", |c| c.text.as_str()).to_string(),
        a.source
            .as_ref()
            .map_or("", |s| s.text.as_str())
            .to_string(),
        a.speaker
            .as_ref()
            .map_or("", |s| s.name.as_str())
            .to_string(),
    )
}

fn only(text: &str) -> (AttributionKind, String, String, String, String, Method) {
    let result = attribute(text);
    assert_eq!(result.attributions.len(), 1, "{:#?}", result.attributions);
    let a = &result.attributions[0];
    let (k, c, cue, s, sp) = summary(a);
    (k, c, cue, s, sp, a.method)
}

fn tuple(
    kind: AttributionKind,
    content: &str,
    cue: &str,
    source: &str,
    speaker: &str,
    method: Method,
) -> (AttributionKind, String, String, String, String, Method) {
    (
        kind,
        content.into(),
        cue.into(),
        source.into(),
        speaker.into(),
        method,
    )
}

use AttributionKind::*;

#[test]
fn quote_then_cue_with_subject_before_the_verb() {
    assert_eq!(
        only("“We will not back down,” Senator Jane Roe said on Tuesday."),
        tuple(
            Direct,
            "“We will not back down,”",
            "said",
            "Senator Jane Roe",
            "Jane Roe",
            Method::QuoteThenCue
        )
    );
}

#[test]
fn quote_then_cue_with_an_abbreviated_title_before_the_name() {
    // The period of `Mr.` ends no sentence.
    assert_eq!(
        only("''We will not back down,'' Mr. Roe said."),
        tuple(
            Direct,
            "''We will not back down,''",
            "said",
            "Mr. Roe",
            "Mr. Roe",
            Method::QuoteThenCue
        )
    );
}

#[test]
fn quote_then_inverted_cue_with_appositive() {
    assert_eq!(
        only("\"The plan is dead,\" said John Smith, a spokesman for the campaign."),
        tuple(
            Direct,
            "\"The plan is dead,\"",
            "said",
            "John Smith",
            "John Smith",
            Method::QuoteThenCue
        )
    );
}

#[test]
fn cue_then_quote_after_a_colon() {
    assert_eq!(
        only("Mayor Ann Lee told reporters: \"The budget is balanced and the city is safe.\""),
        tuple(
            Direct,
            "\"The budget is balanced and the city is safe.\"",
            "told",
            "Mayor Ann Lee",
            "Ann Lee",
            Method::CueThenQuote
        )
    );
}

#[test]
fn according_to_before_and_after_the_content() {
    assert_eq!(
        only("According to the Pentagon, the drills will resume in December."),
        tuple(
            Indirect,
            "the drills will resume in December",
            "According to",
            "the Pentagon",
            "Pentagon",
            Method::AccordingTo
        )
    );
    assert_eq!(
        only("The drills will resume in December, according to Yonhap News."),
        tuple(
            Indirect,
            "The drills will resume in December",
            "according to",
            "Yonhap News",
            "Yonhap News",
            Method::AccordingTo
        )
    );
}

#[test]
fn indirect_speech_with_that() {
    assert_eq!(
        only("Mark Esper warned on Friday that the pact would only help Beijing."),
        tuple(
            Indirect,
            "that the pact would only help Beijing",
            "warned",
            "Mark Esper",
            "Mark Esper",
            Method::CueThenContent
        )
    );
}

#[test]
fn indirect_speech_before_its_cue() {
    let (kind, content, cue, source, speaker, method) =
        only("The talks collapsed after midnight, officials said.");
    assert_eq!(
        (
            kind,
            content.as_str(),
            cue.as_str(),
            source.as_str(),
            method
        ),
        (
            Indirect,
            "The talks collapsed after midnight",
            "said",
            "officials",
            Method::ContentThenCue
        )
    );
    assert_eq!(speaker, "", "an unnamed group is not a canonical speaker");
}

#[test]
fn headline_with_a_trailing_dash() {
    assert_eq!(
        only("Tokyo To Only Benefit China By Axing Pact - Pentagon"),
        tuple(
            Indirect,
            "Tokyo To Only Benefit China By Axing Pact",
            "-",
            "Pentagon",
            "Pentagon",
            Method::TrailingDash
        )
    );
}

#[test]
fn colon_introduction_of_a_quote_in_the_next_paragraph() {
    let text =
        "And from Chairwoman Maria Ortiz:\n\n“We will hold hearings on this matter next week.”";
    assert_eq!(
        only(text),
        tuple(
            Direct,
            "“We will hold hearings on this matter next week.”",
            ":",
            "Chairwoman Maria Ortiz",
            "Maria Ortiz",
            Method::ColonIntro
        )
    );
}

#[test]
fn a_cue_ending_its_paragraph_with_a_comma_introduces_the_next_paragraphs_quote() {
    let text = "Emma would not own it, and Mr. Elton warmly added,\n\n\
                “Oh no! certainly not too tall.”";
    assert_eq!(
        only(text),
        tuple(
            Direct,
            "“Oh no! certainly not too tall.”",
            "added",
            "Mr. Elton",
            "Mr. Elton",
            Method::CueThenQuote
        )
    );
}

#[test]
fn partial_quotes_inside_reported_speech_are_mixed() {
    let text = "Carl Mott spoke on Monday. The senator declined to answer, noting that the army \
                should not only “buttress our diplomacy” but also “enable and empower it.”";
    let result = attribute(text);
    let mixed: Vec<_> = result
        .attributions
        .iter()
        .filter(|a| a.kind == Mixed)
        .collect();
    assert_eq!(mixed.len(), 1, "{:#?}", result.attributions);
    let (_, content, cue, source, speaker) = summary(mixed[0]);
    assert!(
        content.contains("“buttress our diplomacy”")
            && content.contains("“enable and empower it.”")
    );
    assert_eq!((cue.as_str(), source.as_str()), ("noting", "The senator"));
    assert_eq!(mixed[0].method, Method::ParticipleCue);
    assert_eq!(
        speaker, "",
        "no earlier speaker for the description to refer to"
    );
}

#[test]
fn a_quote_split_around_its_cue_is_one_attribution() {
    let (kind, content, cue, source, speaker, _) =
        only("“We lost,” Tom Hardy said, “but we will be back next season, stronger.”");
    assert_eq!(
        (kind, cue.as_str(), source.as_str(), speaker.as_str()),
        (Direct, "said", "Tom Hardy", "Tom Hardy")
    );
    assert_eq!(
        content,
        "“We lost,” … “but we will be back next season, stronger.”"
    );
}

#[test]
fn multi_paragraph_quote_is_one_direct_attribution() {
    let text = "Jane Roe said:\n\n“The first part of the statement runs on.\n\n\
                “The second part ends it here.”\n\nThe meeting ended.";
    let result = attribute(text);
    assert_eq!(result.attributions.len(), 1, "{:#?}", result.attributions);
    let a = &result.attributions[0];
    assert_eq!(a.content.len(), 2);
    assert_eq!(a.content[1].text, "“The second part ends it here.”");
    assert_eq!(a.speaker.as_ref().unwrap().name, "Jane Roe");
}

#[test]
fn floating_quote_inherits_the_previous_speaker() {
    let text = "“We are ready,” Governor Bill Ng said.\n\n\
                “Every county has its plan and every shelter is open tonight.”";
    let result = attribute(text);
    assert_eq!(result.attributions.len(), 2, "{:#?}", result.attributions);
    let floating = &result.attributions[1];
    assert_eq!(floating.method, Method::FloatingQuote);
    assert!(floating.source.is_none());
    assert_eq!(floating.speaker.as_ref().unwrap().name, "Bill Ng");
    assert!(floating.confidence < result.attributions[0].confidence);
}

#[test]
fn scare_quotes_and_nicknames_are_not_attributed() {
    let result = attribute(
        "The so-called “deal of the century” fell apart. Robert “Shorty” Smith runs the bar.",
    );
    assert!(result.attributions.is_empty(), "{:#?}", result.attributions);
}

#[test]
fn pronouns_and_surnames_resolve_to_the_full_name() {
    let text = "Defense Secretary Mark Esper met officials in Seoul.\n\n\
                “The alliance is strong,” Esper said.\n\n\
                “We will stay flexible,” he said.";
    let result = attribute(text);
    let speakers: Vec<_> = result
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(speakers, vec![Some("Mark Esper"), Some("Mark Esper")]);
    assert_eq!(result.entities.len(), 1);
    assert_eq!(result.entities[0].name, "Mark Esper");
    assert_eq!(
        result.entities[0].mentions.len(),
        3,
        "{:?}",
        result.entities[0]
    );
}

#[test]
fn offsets_are_characters_and_match_the_text() {
    let text = "Déjà vu: “Ça va très bien,” dit-il. “We’re fine,” Zoë Durand said.";
    let result = attribute(text);
    let chars: Vec<char> = text.chars().collect();
    assert!(!result.attributions.is_empty());
    for a in &result.attributions {
        let spans = a.content.iter().chain(a.cue.iter()).chain(a.source.iter());
        for span in spans {
            let covered: String = chars[span.start..span.end].iter().collect();
            assert_eq!(covered, span.text);
        }
    }
}

#[test]
fn attributions_are_ordered_by_content_start() {
    let text = "Officials said the vote was delayed. “It is a shame,” Ann Lee said. \
                The delay was expected, Bob Stone said.";
    let result = attribute(text);
    let starts: Vec<usize> = result
        .attributions
        .iter()
        .map(|a| a.content[0].start)
        .collect();
    assert_eq!(starts.len(), 3, "{:#?}", result.attributions);
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_quote_right_after_the_cue_sentence_continues_the_attribution() {
    let text = "“How many times must we see this?” Clinton said. “In Tulsa, an unarmed man died.”";
    let (kind, content, cue, source, speaker, method) = only(text);
    assert_eq!(
        (kind, cue.as_str(), source.as_str(), speaker.as_str()),
        (Direct, "said", "Clinton", "Clinton")
    );
    assert_eq!(
        content,
        "“How many times must we see this?” … “In Tulsa, an unarmed man died.”"
    );
    assert_eq!(method, Method::QuoteThenCue);
}

#[test]
fn a_quote_after_a_long_cue_sentence_still_continues_the_attribution() {
    let text = "“This is in their heads,” said Caddell, speaking of the candidate’s health at a \
                rally in Ohio. “It is one of the things worrying them.”";
    assert_eq!(
        only(text),
        tuple(
            Direct,
            "“This is in their heads,” … “It is one of the things worrying them.”",
            "said",
            "Caddell",
            "Caddell",
            Method::QuoteThenCue
        )
    );
}

#[test]
fn a_quote_its_cue_introduces_is_no_partial_quote_of_the_next_cue() {
    // One sentence a line, as tokenised corpora write it: `Tommy chuckled` after the second
    // quote is not its cue, `said Tuppence` before it is.
    let text = "“ You always were a liar , ” said Tuppence severely , “ though you did once \
                persuade her .\nDo you remember ? ”\nTommy chuckled .\n";
    assert_eq!(
        only(text),
        tuple(
            Direct,
            "“ You always were a liar , ” … “ though you did once persuade her .\nDo you remember ? ”",
            "said",
            "Tuppence",
            "Tuppence",
            Method::QuoteThenCue
        )
    );
}

#[test]
fn a_quote_its_cue_introduces_is_speech_even_without_a_source_in_reach() {
    let text = "He watched the show over the hedge for a while, and said, “Vanity.”";
    assert_eq!(
        only(text),
        tuple(Direct, "“Vanity.”", "said", "", "", Method::CueThenQuote)
    );
}

/// Asserts the (content, cue, source) of each direct attribution of `text`, in order.
fn assert_direct(text: &str, expected: &[(&str, &str, &str)]) {
    let direct: Vec<_> = attribute(text)
        .attributions
        .iter()
        .filter(|a| a.kind == Direct)
        .map(|a| {
            let (_, content, cue, source, _) = summary(a);
            (content, cue, source)
        })
        .collect();
    let expected: Vec<_> = expected
        .iter()
        .map(|(c, q, s)| (c.to_string(), q.to_string(), s.to_string()))
        .collect();
    assert_eq!(direct, expected);
}

#[test]
fn a_quote_split_by_its_cue_is_one_attribution_whatever_the_words_and_the_verb() {
    let text = "“My dear Mr. Bennet,” said his lady to him one day, “have you heard that \
                Netherfield Park is let at last?”\n\nMr. Bennet replied that he had not.\n\n\
                “Louisa,” returned her father, “it appears to me that nothing can be plainer.”";
    assert_direct(
        text,
        &[
            (
                "“My dear Mr. Bennet,” … “have you heard that Netherfield Park is let at last?”",
                "said",
                "his lady",
            ),
            (
                "“Louisa,” … “it appears to me that nothing can be plainer.”",
                "returned",
                "her father",
            ),
        ],
    );
}

#[test]
fn a_quote_resuming_in_lower_case_after_narration_is_still_the_first_speakers() {
    let text = "“Undoubtedly,” replied Darcy, to whom this remark was chiefly addressed, \
                “there is meanness in all the arts.”\n\n\
                “Of course it is,” said the Duchess, who seemed ready to agree to everything \
                that Alice said; “there's a large mustard-mine near here.”";
    assert_direct(
        text,
        &[
            (
                "“Undoubtedly,” … “there is meanness in all the arts.”",
                "replied",
                "Darcy",
            ),
            (
                "“Of course it is,” … “there's a large mustard-mine near here.”",
                "said",
                "the Duchess",
            ),
        ],
    );
}

#[test]
fn a_dialogue_verb_takes_a_description_or_an_adverb_before_it_only_in_the_quotes_paragraph() {
    let cues = |text: &str| -> Vec<(String, String)> {
        attribute(text)
            .attributions
            .iter()
            .map(|a| {
                let (_, _, cue, source, _) = summary(a);
                (cue, source)
            })
            .collect()
    };
    let pair = |cue: &str, source: &str| (cue.to_string(), source.to_string());
    assert_eq!(
        cues("“That makes a hundred,” the saloon-keeper calculated; “and he is worth it.”"),
        [pair("calculated", "the saloon-keeper")]
    );
    assert_eq!(
        cues("“Ye-es, I reckon,” he slowly returned."),
        [pair("returned", "he")]
    );
    // A new paragraph's narrative after a question is no cue of it.
    let apart = cues("“Can he?”\n\nMr Graceful paused and fidgeted.");
    assert!(!apart.contains(&pair("paused", "Mr Graceful")), "{apart:?}");
    // Nor is a known cue after a name opening the next paragraph: the quote's second piece
    // stays with its own cue.
    let text = "“Wot now?” cried Sikes. “Wot do you look at a man so for?”\n\nFagin nodded.";
    assert_eq!(cues(text), [pair("cried", "Sikes")]);
    let text = "“Good!” said Mike. “Good idea!”\n\nWe started off.";
    assert_eq!(cues(text), [pair("said", "Mike")]);
    // Phrasal cues of dialogue.
    let text = "“It is late,” Tony went on.\n\n“Nonsense,” Brenda broke in.\n\nMrs. Norris called out, “Stay!”";
    assert_eq!(
        cues(text),
        [
            pair("went on", "Tony"),
            pair("broke in", "Brenda"),
            pair("called out", "Mrs. Norris")
        ]
    );
    // A cue word after a determiner is a noun: the verb before it is the cue.
    let text = "Lydia cried in a whisper, “I am glad you are come.”";
    assert_eq!(cues(text), [pair("cried", "Lydia")]);
}

#[test]
fn headings_in_capitals_and_leading_conjunctions_are_not_speaker_names() {
    let text = "CHAPTER ONE\n\nDE CHEZ BEAVER\n\n“No one was hurt,” said Mrs Beaver.\n\n\
                “Good,” And Emma said.";
    let result = attribute(text);
    let speakers: Vec<_> = result
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(speakers, vec![Some("Mrs Beaver"), Some("Emma")]);
}

#[test]
fn a_quote_signed_with_a_dash_and_a_name() {
    let text = "Readers wrote in.\n\n“He represents our greatest shame.” ― Sonya Herridge";
    assert_eq!(
        only(text),
        tuple(
            Direct,
            "“He represents our greatest shame.”",
            "―",
            "Sonya Herridge",
            "Sonya Herridge",
            Method::TrailingDash
        )
    );
}

#[test]
fn quotes_signed_one_per_line_each_get_their_name() {
    let text = "Readers wrote in.\n\n”Fear. I am afraid.” ― Edwin G. Monroy\n\
                “He is clueless.”― Stephanie Egan\n“Mostly hate.” ― Esther Tapia.\n\nEnd.";
    let result = attribute(text);
    let found: Vec<_> = result.attributions.iter().map(summary).collect();
    assert_eq!(
        found,
        ["Edwin G. Monroy", "Stephanie Egan", "Esther Tapia"]
            .iter()
            .zip([
                "”Fear. I am afraid.”",
                "“He is clueless.”",
                "“Mostly hate.”"
            ])
            .map(|(name, quote)| {
                let n = name.to_string();
                (Direct, quote.to_string(), "―".to_string(), n.clone(), n)
            })
            .collect::<Vec<_>>()
    );
}

#[test]
fn speaker_labels_in_headlines_and_transcripts() {
    let result = attribute(
        "Pat Caddell: Democrat Voters Worried About Health Issues\n\n\
         WALLACE: Let's start with the economy tonight.\n\n\
         Note: the debate ran long.",
    );
    let found: Vec<_> = result.attributions.iter().map(summary).collect();
    assert_eq!(
        found,
        vec![
            (
                Indirect,
                "Democrat Voters Worried About Health Issues".to_string(),
                ":".to_string(),
                "Pat Caddell".to_string(),
                "Pat Caddell".to_string()
            ),
            (
                Indirect,
                "Let's start with the economy tonight.".to_string(),
                ":".to_string(),
                "WALLACE".to_string(),
                "WALLACE".to_string()
            ),
        ]
    );
}

#[test]
fn a_transcript_quoted_as_a_block_gives_each_turn_to_its_speaker() {
    let result = attribute(
        "Partial transcript as follows:\n\n\
         \"WALLACE: Will she be there?\n\n\
         \"PENCE: She will not.\n\n\
         \"We have said so all week.\n\n\
         \"(CROSSTALK.)\n\n\
         \"WALLACE: Thank you, Governor.\n\n\
         \"Follow the show on Twitter.\"",
    );
    let turns: Vec<(Vec<&str>, &str)> = result
        .attributions
        .iter()
        .map(|a| {
            let content = a.content.iter().map(|c| c.text.as_str()).collect();
            (content, a.source.as_ref().map_or("", |s| s.text.as_str()))
        })
        .collect();
    // The unlabelled paragraph continues Pence's turn; the aside and the sign-off are no one's.
    assert_eq!(
        turns,
        vec![
            (vec!["Will she be there?"], "WALLACE"),
            (vec!["She will not.", "We have said so all week."], "PENCE"),
            (vec!["Thank you, Governor."], "WALLACE"),
        ]
    );
}

#[test]
fn a_name_in_the_reporters_words_around_a_mixed_quote_names_the_speaker_in_full() {
    let result = attribute(
        "Politifact said that Donald Trump was right about “thousands of shootings” in Chicago.\n\n\
         “It is true,” Trump said.",
    );
    let mixed = &result.attributions[0];
    assert_eq!(mixed.kind, Mixed);
    let direct = &result.attributions[1];
    assert_eq!(direct.source.as_ref().unwrap().text, "Trump");
    assert_eq!(direct.speaker.as_ref().unwrap().name, "Donald Trump");
}

#[test]
fn names_in_a_title_case_headline_give_the_full_names() {
    let result = attribute(
        "Hillary Clinton Goes After Donald Trump As The New Mitt Romney.\n\n\
         “He is no Romney,” Clinton said.",
    );
    let speakers: Vec<_> = result
        .attributions
        .iter()
        .filter_map(|a| a.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(speakers, ["Hillary Clinton"]);
}

#[test]
fn acronyms_and_places_are_organisations_never_a_he() {
    let result = attribute(
        "Don Fowler met DNC officials in Mexico City.\n\n\
         The DNC said it would act. Mexico City said that it agreed with the plan.\n\n\
         “We will prepare,” he said.",
    );
    let speakers: Vec<_> = result
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [Some("DNC"), Some("Mexico City"), Some("Don Fowler")]
    );
    let kinds: Vec<_> = result
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind))
        .collect();
    assert!(
        kinds.contains(&("DNC", quoteattr::EntityKind::Organisation)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("Mexico City", quoteattr::EntityKind::Organisation)),
        "{kinds:?}"
    );
}

#[test]
fn a_description_opening_a_clause_is_no_apposition_of_the_place_before_it() {
    let result = attribute(
        "Mayor Bill de Blasio spoke on Sunday.\n\n\
         At a press conference in Chelsea, the mayor also said that it was too early to tell.",
    );
    let said = result.attributions.last().unwrap();
    assert_eq!(said.source.as_ref().unwrap().text, "the mayor");
    assert_eq!(said.speaker.as_ref().unwrap().name, "Bill de Blasio");
}

#[test]
fn surname_first_names_join_their_surname() {
    let result = attribute(
        "Ban Ki-moon, the secretary general, spoke on Monday.\n\n\
         Mr. Ban said that it was bad.",
    );
    let said = result.attributions.last().unwrap();
    assert_eq!(said.source.as_ref().unwrap().text, "Mr. Ban");
    assert_eq!(said.speaker.as_ref().unwrap().name, "Ban Ki-moon");
}
