//! Tests of speaker resolution on small invented texts.

use crate::schema::{Article, ArticleAttributions, ResolutionRule};
use crate::Attributor;

/// Attributes `text` with the rule-based pipeline.
fn attribute(text: &str) -> ArticleAttributions {
    let article = Article {
        id: "t".into(),
        title: None,
        text: text.into(),
    };
    Attributor::rules_only()
        .attribute(&article)
        .expect("valid test article")
}

/// The speaker name of each attribution, in order.
fn speakers(text: &str) -> Vec<Option<String>> {
    attribute(text)
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.clone()))
        .collect()
}

fn names(list: &[&str]) -> Vec<Option<String>> {
    list.iter()
        .map(|n| (!n.is_empty()).then(|| n.to_string()))
        .collect()
}

#[test]
fn honorifics_keep_relatives_apart() {
    let text =
        "John Beaver came down late.\n\n\"No one, I am thankful to say,\" said Mrs. Beaver, \
                \"was hurt.\"\n\n\"How lucky,\" said John Beaver.\n\n\"No more have I,\" said \
                Mrs. Beaver; \"and I am glad.\"";
    assert_eq!(
        speakers(text),
        names(&["Mrs. Beaver", "John Beaver", "Mrs. Beaver"])
    );
}

/// The resolution rule of each attribution, in order.
fn rules(text: &str) -> Vec<ResolutionRule> {
    attribute(text)
        .attributions
        .iter()
        .map(|a| a.resolution.map_or(ResolutionRule::Unresolved, |r| r.rule))
        .collect()
}

#[test]
fn the_seed_pattern_resolves_pronoun_and_description() {
    let text = "US Defense Secretary Mark Esper warned that the pact would help Beijing, \
                the Yonhap news agency reported.\n\n\"It will only help them,\" Esper said.\n\n\
                The Pentagon chief declined to comment, noting that talks \"must go on.\"\n\n\
                \"We stay flexible,\" he said.";
    let result = attribute(text);
    let resolved: Vec<(Option<&str>, Option<&str>)> = result
        .attributions
        .iter()
        .map(|a| {
            (
                a.source.as_ref().map(|s| s.text.as_str()),
                a.speaker.as_ref().map(|s| s.name.as_str()),
            )
        })
        .collect();
    assert!(
        resolved.contains(&(Some("Esper"), Some("Mark Esper"))),
        "{resolved:?}"
    );
    assert!(
        resolved.contains(&(Some("he"), Some("Mark Esper"))),
        "{resolved:?}"
    );
    assert!(
        resolved.contains(&(Some("The Pentagon chief"), Some("Mark Esper"))),
        "{resolved:?}"
    );
    assert!(result.entities.iter().all(|e| !e.name.contains("Yonhap")));
}

#[test]
fn pronouns_agree_in_gender() {
    let text = "Senator Jane Smith met Governor John Brown on Monday.\n\n\
                \"We agreed on nothing,\" she said.\n\n\"It was a start,\" he said.";
    assert_eq!(speakers(text), names(&["Jane Smith", "John Brown"]));
    assert_eq!(rules(text), vec![ResolutionRule::Pronoun; 2]);
}

#[test]
fn news_pronouns_prefer_the_speaker_before_a_name_in_between() {
    let text = "\"The debate was close,\" said analyst Chris Matthews. Matthews said Mike \
                Pence did well.\n\n\"I thought he was effective,\" he said.";
    let all = speakers(text);
    assert_eq!(
        all.last(),
        Some(&Some("Chris Matthews".to_string())),
        "{all:?}"
    );
}

#[test]
fn organisations_match_their_acronyms() {
    let text = "The International Monetary Fund said that growth would slow this year.\n\n\
                The IMF said that output would expand by 1.6 percent.";
    assert_eq!(
        speakers(text),
        names(&["International Monetary Fund", "International Monetary Fund"])
    );
}

#[test]
fn in_news_it_and_they_are_the_organisation_that_spoke_just_before() {
    let text = "The International Monetary Fund said that growth would slow. It added that \
                trade would suffer.";
    assert_eq!(
        speakers(text),
        names(&["International Monetary Fund", "International Monetary Fund"])
    );
    // Not the organisation named last: nobody spoke before.
    let text = "The Associated Press interviewed former crew members. They said that the \
                host was rude.";
    assert_eq!(speakers(text), names(&[""]));
}

#[test]
fn a_transcript_label_in_capitals_is_the_person_named_before() {
    let text = "Gov. Mike Pence spoke to Chris Wallace on Sunday.\n\n\
                WALLACE: Will she be there?\n\nPENCE: She will not.";
    assert_eq!(speakers(text), names(&["Chris Wallace", "Mike Pence"]));
}

/// The speakers `resolve` gives sources as the tagger tags them: each `(sentence, source)`
/// is one paragraph whose content is what follows `said that` (or `argues that`).
fn speakers_of_tagged_sources(cases: &[(&str, &str)]) -> Vec<Option<String>> {
    use crate::document::Span;
    use crate::rules::Found;
    use crate::schema::{AttributionKind, Method};
    let text = cases
        .iter()
        .map(|(sentence, _)| *sentence)
        .collect::<Vec<_>>()
        .join("\n\n");
    let doc = crate::segment::segment(&text);
    let mut offset = 0;
    let mut found = Vec::new();
    for (sentence, source) in cases {
        let at = |part: &str| offset + sentence.find(part).expect("part of the sentence");
        let (source_start, that) = (at(source), at(" that ") + " that ".len());
        let first = doc.token_at_or_after(source_start);
        let last = doc.token_at_or_after(source_start + source.len()) - 1;
        found.push(Found {
            kind: AttributionKind::Indirect,
            content: vec![Span::new(that, offset + sentence.len() - 1)],
            cue: Some(Span::new(that - " that ".len() - 4, that - " that ".len())),
            source: Some(doc.mention(first, last)),
            method: Method::Model,
            confidence: 0.9,
        });
        offset += sentence.len() + 2;
    }
    let (attributions, _) = super::resolve(&doc, &found, &[], None);
    attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.clone()))
        .collect()
}

#[test]
fn a_source_is_its_head_name_or_apposition_not_a_name_it_mentions() {
    let all = speakers_of_tagged_sources(&[
        (
            "Rep. Stephen Lynch (D-Mass.) said that the law was clear.",
            "Rep. Stephen Lynch (D-Mass.)",
        ),
        (
            "The minister of the economy, Mr. Guajardo Villarreal, says that it is pointless.",
            "The minister of the economy, Mr. Guajardo Villarreal,",
        ),
        (
            "A former aide to Hillary Clinton said that it was a waste.",
            "A former aide to Hillary Clinton",
        ),
        (
            "Bryan Pagliano's lawyer said that it was fine.",
            "Bryan Pagliano's lawyer",
        ),
        (
            "The Vermont senator said that taxes would rise.",
            "The Vermont senator",
        ),
        (
            "The voice of Mr. Haq said that it was late.",
            "The voice of Mr. Haq",
        ),
    ]);
    assert_eq!(all[0], Some("Stephen Lynch".to_string()), "{all:?}");
    assert_eq!(all[1], Some("Guajardo Villarreal".to_string()), "{all:?}");
    // A voice is its owner's.
    assert_eq!(all[5], Some("Mr. Haq".to_string()), "{all:?}");
    let wrong = ["Hillary Clinton", "Bryan Pagliano", "Vermont"];
    assert!(
        !all[2..5]
            .iter()
            .flatten()
            .any(|s| wrong.contains(&s.as_str())),
        "{all:?}"
    );
}

#[test]
fn titles_before_a_name_are_no_part_of_it() {
    let text = "German Chancellor Angela Merkel told reporters that the talks went well.\n\n\
                Del. Stacey Plaskett said that it was a waste.\n\n\
                Ohio Democratic Party Chairman David Pepper said that it was a win.\n\n\
                The Democratic National Committee said that it was a win.";
    assert_eq!(
        speakers(text),
        names(&[
            "Angela Merkel",
            "Stacey Plaskett",
            "David Pepper",
            "Democratic National Committee"
        ])
    );
}

#[test]
fn ranks_before_a_name_are_no_part_of_it_but_a_rank_alone_stays() {
    let text = "Detective-Inspector Japp came in.\n\n\"Good morning,\" said Japp.\n\n\
                \"Is it?\" said Superintendent Summerhaye.\n\n\
                \"I beg your pardon?\" said the Superintendent.";
    assert_eq!(
        speakers(text),
        names(&["Japp", "Summerhaye", "Superintendent"])
    );
}

#[test]
fn organisations_go_by_their_fullest_name() {
    let text = "The Security Council met on Friday.\n\n\
                The United Nations Security Council said that the test was a violation.\n\n\
                The Security Council said that it would meet again.\n\n\
                The White House said that it agreed. The House said that it would vote.\n\n\
                The Tampa Bay Times said that the claim was false. The Times said that it stood by it.";
    assert_eq!(
        speakers(text),
        names(&[
            "United Nations Security Council",
            "United Nations Security Council",
            "White House",
            "House",
            "Tampa Bay Times",
            "Tampa Bay Times"
        ])
    );
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let text =
        "Emma went out. then she came back. Then Emma sat down.\n\n\"I am tired,\" said Emma.";
    assert_eq!(speakers(text), names(&["Emma"]));
}

/// A dialogue of uncued turns between two people, opened by one cued turn each.
const DIALOGUE: &str = "Emma walked in with Mr. Knightley.\n\n\
    \"Good morning,\" said Emma.\n\n\
    \"Good morning to you,\" said Mr. Knightley.\n\n\
    \"Is it raining?\"\n\n\
    \"Not yet.\"\n\n\
    \"Then let us walk.\"\n\n\
    \"Thank you, Mr. Knightley.\"\n\n\
    \"You are welcome.\"";

#[test]
fn dialogue_turns_alternate() {
    assert_eq!(
        speakers(DIALOGUE),
        names(&[
            "Emma",
            "Mr. Knightley",
            "Emma",
            "Mr. Knightley",
            "Emma",
            "Emma",
            "Mr. Knightley"
        ])
    );
    let rules = rules(DIALOGUE);
    assert_eq!(rules[0], ResolutionRule::Name);
    assert_eq!(rules[2], ResolutionRule::TurnTaking);
}

#[test]
fn short_quotes_are_speech_only_as_sentences_of_their_own() {
    // A scare quote inside a sentence is no attribution; a one-word reply is.
    let count = |text: &str| attribute(text).attributions.len();
    assert_eq!(count("The so-called \"deal\" fell through."), 0);
    assert_eq!(count("He called the deal \"a disaster.\" Then he left."), 0);
    assert_eq!(attribute(DIALOGUE).attributions.len(), 7);
    // A short quote that is a sentence of its own, with narrative beside it, is speech too.
    assert_eq!(count("\"Oh no.\" Brenda shook her head."), 1);
    assert_eq!(count("His voice altered. \"Ah! A charming lady.\""), 1);
    assert_eq!(count("\"Greece\"--and she looked away."), 1);
    assert_eq!(
        count("The Dodo called out \"The race is over!\" and they ran."),
        1
    );
}

#[test]
fn narrative_in_the_paragraph_names_the_speaker() {
    let text = "Harriet and Emma sat.\n\n\"Hello.\"\n\n\"Hi.\"\n\n\"Well.\"\n\n\
                Mr. Elton came to the door. \"What a fine day it is for a walk.\"";
    let all = speakers(text);
    assert_eq!(all.last(), Some(&Some("Mr. Elton".to_string())), "{all:?}");
    assert_eq!(rules(text).last(), Some(&ResolutionRule::Narrative));
}

#[test]
fn the_sentence_leading_into_a_quote_names_its_speaker() {
    let text = "Mr. Beebe and Miss Alan sat in the garden.\n\n\"Tea?\"\n\n\"No.\"\n\n\
                \"Well.\"\n\nMr. Beebe lit his pipe. Then Miss Alan began as follows: \"It was a novel, I \
                am afraid.\"";
    let all = speakers(text);
    assert_eq!(all.last(), Some(&Some("Miss Alan".to_string())), "{all:?}");
    assert_eq!(rules(text).last(), Some(&ResolutionRule::Narrative));
}

#[test]
fn a_sentence_saying_someone_goes_on_names_the_next_quotes_speaker() {
    // The paragraph before the quote ends in a full stop, not a colon: `Lucy continued.`
    let text = "Elinor and Lucy sat together.\n\n\"Tea?\"\n\n\"No.\"\n\n\
                Elinor could not answer. Lucy continued.\n\n\"I am sure I should have seen it.\"";
    let all = speakers(text);
    assert_eq!(all.last(), Some(&Some("Lucy".to_string())), "{all:?}");
    // ... and within the quote's own paragraph.
    let text = "Mrs. Hurst and Miss Bingley sat.\n\n\"Tea?\"\n\n\"No.\"\n\n\"Well.\"\n\n\
                Miss Bingley smiled, and Mrs. Hurst began again. \"I have a regard for Jane.\"";
    let all = speakers(text);
    assert_eq!(all.last(), Some(&Some("Mrs. Hurst".to_string())), "{all:?}");
    // A paragraph ending in a dash introduces the next one as a colon does.
    let text = "Emma and Harriet sat.\n\n\"Tea?\"\n\n\"No.\"\n\n\"Well.\"\n\n\
                Emma looked up and said--\n\n\"It is a great pity.\"";
    let all = speakers(text);
    assert_eq!(all.last(), Some(&Some("Emma".to_string())), "{all:?}");
}

#[test]
fn a_pronoun_continues_the_pronoun_that_looked_at_the_person_named_last() {
    let cases = [
        // `he` looked at Lord Henry, so Lord Henry is not the `he` who speaks next.
        (
            "Mr. Hallward stood up and walked about. Then he looked at Lord Henry. \
             \"Dorian Gray is my dearest friend,\" he said.",
            "Mr. Hallward",
        ),
        // ... and so for a `he` in the narration before a quote.
        (
            "Mr. Hallward stood up and walked about. Then he looked at Lord Henry.\n\n\
             He smiled. \"Dorian Gray is my dearest friend.\"",
            "Mr. Hallward",
        ),
        // ... nor is a person a named subject looks at.
        (
            "Mr. Hallward looked at Lord Henry. \"Dorian Gray is my dearest friend,\" he said.",
            "Mr. Hallward",
        ),
        // A person named in a subject's place is still the nearest `he`.
        (
            "Mr. Hallward stood up. Then Lord Henry looked at him. \"Dorian Gray is my \
             dearest friend,\" he said.",
            "Lord Henry",
        ),
    ];
    for (narration, speaker) in cases {
        let text = format!(
            "Mr. Hallward and Lord Henry sat.\n\n\"Tea?\"\n\n\"No.\"\n\n\"Well.\"\n\n{narration}"
        );
        let all = speakers(&text);
        assert_eq!(
            all.last(),
            Some(&Some(speaker.to_string())),
            "{narration}: {all:?}"
        );
    }
}

#[test]
fn dialogue_verbs_of_fiction_are_cues() {
    let text = "Ronny and Adela sat.\n\nShe looked down. Ronny murmured, \"Not at all.\"\n\n\
                \"You are kind,\" rejoined Adela.\n\nRonny laughed. \"He is shy,\" thought Adela.";
    assert_eq!(speakers(text), names(&["Ronny", "Adela", "Adela"]));
    let cues: Vec<Option<String>> = attribute(text)
        .attributions
        .iter()
        .map(|a| a.cue.as_ref().map(|c| c.text.clone()))
        .collect();
    assert_eq!(cues, names(&["murmured", "rejoined", "thought"]));
}

#[test]
fn a_name_ending_like_a_participle_is_a_name_where_the_text_writes_it_as_one() {
    // `Fielding` after a quote could open a sentence like `Smiling, ...`; but the text writes
    // it capitalised inside a sentence and never in lower case.
    let text = "Aziz and Fielding sat down.\n\n\"It is likely,\" said Aziz.\n\n\
                \"The man has made a mistake,\" Fielding exclaimed.";
    assert_eq!(speakers(text), names(&["Aziz", "Fielding"]));
}

#[test]
fn a_description_named_around_its_turns_is_that_persons_epithet() {
    // (text, the description's quotes, the person): the cues two turns away name Nance; the
    // turns next to the painter's address Basil.
    let cases = [
        (
            "Nance and Bill Sikes sat by the fire in the dark room.\n\n\
             \"Is it late?\" said Nance.\n\n\"Not yet,\" said Sikes.\n\n\
             \"Then I will wait,\" said the girl.\n\n\"Do,\" said Sikes.\n\n\
             \"He will come,\" said Nance.\n\n\"Maybe.\"\n\n\
             \"I know he will,\" said the girl.\n\n\"Hush.\"\n\n\
             \"Very well,\" said Nance.\n\n\"Good.\"",
            [2, 6],
            "Nance",
        ),
        (
            "Basil Hallward and Lord Henry sat in the garden.\n\n\
             \"Is it late, Basil?\" said Lord Henry.\n\n\"What is that?\" said the painter.\n\n\
             \"Come, Basil.\"\n\n\"No,\" said the painter.\n\n\
             \"Well, Basil,\" said Lord Henry.\n\n\"Yes.\"\n\n\"Good.\"",
            [1, 3],
            "Basil Hallward",
        ),
    ];
    for (text, quotes, person) in cases {
        let all = speakers(text);
        for q in quotes {
            assert_eq!(all[q].as_deref(), Some(person), "{all:?}");
        }
    }
}

#[test]
fn a_waiter_is_a_character_of_his_own_but_the_man_is_the_last_man_named() {
    let talk = |description: &str| {
        format!(
            "Tony and Milly sat down at a table.\n\n\"Is it late?\" said Milly.\n\n\
             \"Not yet,\" said Tony.\n\n\"Good.\"\n\n\"Yes.\"\n\n\
             Then {description} said, \"Will you buy a ticket?\"\n\n\"No.\""
        )
    };
    assert_eq!(
        speakers(&talk("the waiter"))[4].as_deref(),
        Some("the waiter")
    );
    assert_eq!(speakers(&talk("the man"))[4].as_deref(), Some("Tony"));
}

#[test]
fn only_people_of_the_epithets_gender_vote_for_whose_it_is() {
    // `the girl` also speaks beside Sikes's turns (two turns away in a talk of three): those
    // votes are no rival to Nance's, whose turns surround her other quotes.
    let text = "Nance and Mr. Sikes sat by the fire.\n\n\
                \"Is it late?\" said Nance.\n\n\"Not yet,\" said Sikes.\n\n\
                \"Then I will wait,\" said the girl.\n\n\"Do,\" said Sikes.\n\n\
                \"He will come,\" said Nance.\n\n\"Maybe.\"\n\n\
                \"I know he will,\" said the girl.\n\n\"Hush.\"\n\n\
                \"Very well,\" said Nance.\n\n\"Good.\"\n\nFagin came in.\n\n\
                \"Come here,\" said Sikes.\n\n\"Why?\" said Fagin.\n\n\
                \"Because,\" said the girl.\n\n\"Go on,\" said Fagin.\n\n\
                \"Now,\" said Sikes.\n\n\"Wait,\" said Fagin.\n\n\
                \"Then,\" said the girl.\n\n\"So,\" said Fagin.\n\n\
                \"Enough,\" said Sikes.";
    let all = speakers(text);
    for q in [2, 6, 12, 16] {
        assert_eq!(all[q].as_deref(), Some("Nance"), "{all:?}");
    }
}

#[test]
fn an_epithet_is_the_person_most_of_its_votes_name() {
    // Three votes for Basil (the cues two turns from the painter's first two quotes) against
    // two for Lord Henry (a talk of three): Basil is the painter.
    let text = "Basil Hallward and Lord Henry sat in the garden.\n\n\
                \"Is it late?\" said Basil.\n\n\"No,\" said Lord Henry.\n\n\
                \"What is that?\" said the painter.\n\n\"Nothing,\" said Lord Henry.\n\n\
                \"Good,\" said Basil.\n\n\"Yes.\"\n\n\
                \"I see,\" said the painter.\n\n\"Well.\"\n\n\"Fine.\"\n\n\
                Dorian Gray came in.\n\n\
                \"Hello,\" said Lord Henry.\n\n\"Hi,\" said Dorian.\n\n\
                \"Sit,\" said the painter.\n\n\"Thanks,\" said Dorian.\n\n\
                \"So,\" said Lord Henry.";
    let all = speakers(text);
    for q in [2, 6, 11] {
        assert_eq!(all[q].as_deref(), Some("Basil Hallward"), "{all:?}");
    }
}

#[test]
fn a_description_opening_a_clause_after_a_name_is_no_apposition_of_it() {
    // `addressing Oliver, the girl pulled him in`: `girl` does not describe Oliver.
    let text = "Oliver Twist and Nancy walked to the cab. With the vehemence she had shown in \
                addressing Oliver, the girl pulled him in with her, and drew the curtains.\n\n\
                \"Where now?\" said the girl.\n\n\"Home.\"\n\n\"Good.\"\n\n\"Yes.\"";
    assert_eq!(speakers(text)[0].as_deref(), Some("Nancy"));
}

#[test]
fn a_source_that_names_nobody_takes_its_turn_unless_it_stands_for_several() {
    let text = "Pooh and Christopher Robin walked in the wood.\n\n\"Hello,\" said Pooh.\n\n\
                \"Hello,\" said Christopher Robin.\n\n\"Is it far?\" said a growly voice.\n\n\
                \"No,\" said Christopher Robin.\n\n\"Good.\"\n\n\"Yes.\"\n\n\"Come on.\"\n\n\
                \"We are glad,\" they said.";
    let all = speakers(text);
    assert_eq!(all[2], Some("Pooh".to_string()), "{all:?}");
    assert_eq!(all.last(), Some(&None), "{all:?}");
}

#[test]
fn first_person_pronouns_in_a_quote_are_mentions_of_its_speaker() {
    let text = "\"I think my plan works,\" Jane Doe said.";
    let result = attribute(text);
    let jane = &result.entities[0];
    let mentioned: Vec<&str> = jane
        .mentions
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert!(
        mentioned.contains(&"I") && mentioned.contains(&"my"),
        "{mentioned:?}"
    );
}

#[test]
fn unresolved_quotes_say_so() {
    let text = "\"Nobody knows who said this, and nobody will ever find out.\"";
    let result = attribute(text);
    let resolution = result.attributions[0].resolution.expect("provenance");
    assert_eq!(resolution.rule, ResolutionRule::Unresolved);
    assert_eq!(resolution.score, 0.0);
    assert!(result.attributions[0].speaker.is_none());
}

#[test]
fn a_source_cut_from_a_longer_name_takes_that_name() {
    use crate::document::Span;
    use crate::mention::{Mention, MentionKind};
    use crate::rules::Found;
    use crate::schema::{AttributionKind, Method};
    // The tagger may tag only part of a name as the source: `Trump` of `Donald Trump`.
    let doc = crate::segment::segment("Donald Trump said that it was fine.");
    let at = |word: &str| doc.text.find(word).expect("word in text");
    let trump = Span::new(at("Trump"), at("Trump") + "Trump".len());
    let found = Found {
        kind: AttributionKind::Indirect,
        content: vec![Span::new(at("it was"), at("fine") + "fine".len())],
        cue: Some(Span::new(at("said"), at("said") + 4)),
        source: Some(Mention {
            first: 1,
            last: 1,
            span: trump,
            kind: MentionKind::Name,
        }),
        method: Method::Model,
        confidence: 0.9,
    };
    let (attributions, _) = super::resolve(&doc, &[found], &[], None);
    let speaker = attributions[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.name, "Donald Trump");
}

#[test]
fn turn_taking_reaches_back_from_later_cues() {
    let text = "Emma and Harriet sat down.\n\n\"Is it raining?\"\n\n\"Not yet.\"\n\n\
                \"Is it cold?\"\n\n\"A little.\"\n\n\"Shall we walk?\" said Emma.\n\n\
                \"Yes,\" said Harriet.";
    let turns = ["Emma", "Harriet"].repeat(3);
    assert_eq!(speakers(text), names(&turns));
    assert_eq!(rules(text)[0], ResolutionRule::TurnTaking);
}

#[test]
fn the_next_turn_names_whom_it_answers() {
    let text = "Emma and Mr. Knightley met in the lane.\n\n\"Is it raining?\"\n\n\
                \"Not yet, Mr. Knightley.\"\n\n\"Then let us walk.\"";
    assert_eq!(
        speakers(text),
        names(&["Mr. Knightley", "Emma", "Mr. Knightley"])
    );
    assert_eq!(rules(text)[0], ResolutionRule::Vocative);
}

#[test]
fn a_first_person_narrator_is_whom_the_others_address() {
    let text = "Bill came to see Jake Barnes.\n\n\"Hello, Jake,\" Bill said.\n\n\
                \"Hello,\" I said.\n\n\"Have a drink, Jake.\"\n\n\"Sure,\" I said.\n\n\
                \"Good. Sit down, Jake.\"\n\n\"Thanks,\" I said.\n\n\"Cheers.\"";
    let all = speakers(text);
    assert_eq!(all[1], Some("Jake Barnes".to_string()), "{all:?}");
    assert_eq!(all[3], Some("Jake Barnes".to_string()), "{all:?}");
    assert_eq!(all[2], Some("Bill".to_string()), "{all:?}");
}

#[test]
fn without_a_named_narrator_i_names_nobody_in_fiction() {
    let text = "Emma sat down.\n\n\"Is it raining?\"\n\n\"Not yet,\" I said.\n\n\
                \"Shall we walk?\"\n\n\"Yes.\"";
    assert_eq!(speakers(text)[1], None);
}

#[test]
fn cue_lines_between_quotes_keep_a_conversation_going() {
    // One sentence a line: the cue of `" Seven ! "` stands on a line of its own.
    let text = "Holmes sat by the fire .\n\" Wedlock suits you , \" said Holmes .\n\
                \" Seven ! \"\nI answered .\n\" Indeed , I should have thought more . \"\n\
                \" How ? \"\n\" I see it . \"";
    let all = speakers(text);
    assert_eq!(all[2], Some("Holmes".to_string()), "{all:?}");
    assert_eq!(rules(text)[2], ResolutionRule::TurnTaking);
}

#[test]
fn an_unnamed_character_goes_by_its_description() {
    let text = "The road was long .\n\" Good night , \" said the parson .\n\
                \" Good night , sir . \"\n\" Is it far ? \"\n\" Not far , \" said the parson .\n\
                \" Thank you . \"";
    let all = speakers(text);
    assert_eq!(all[0], Some("the parson".to_string()), "{all:?}");
    assert_eq!(all[3], Some("the parson".to_string()), "{all:?}");
    assert_eq!(rules(text)[0], ResolutionRule::Description);
}

#[test]
fn a_pronoun_with_no_named_antecedent_is_the_nearest_description_of_its_gender() {
    let text = "The boy woke under the oak .\nThe elf-girl sat beside him .\n\
                \" What you run for ? \" she asked .\n\" Because , \" he said .\n\
                \" I knows . \"\n\" Why ? \"\n\" You was afraid . \"\n\" I was not . \"\n\
                \" Pooh , \" she said .";
    assert_eq!(
        speakers(text),
        names(&[
            "the elf-girl",
            "the boy",
            "the elf-girl",
            "the boy",
            "the elf-girl",
            "the boy",
            "the elf-girl"
        ])
    );
    // `the kind of man` describes nobody.
    let text = "She did not take him for the kind of man who ran .\n\
                \" What you run for ? \" he asked .\n\" Because . \"\n\" Why ? \"\n\
                \" I knows . \"";
    assert!(
        !speakers(text).contains(&Some("the kind of man".to_string())),
        "{:?}",
        speakers(text)
    );
}

#[test]
fn a_pronoun_with_no_named_antecedent_finds_a_description_a_page_back() {
    let filler = "The wind blew over the hill .\n".repeat(20);
    let text = format!(
        "The boy woke under the oak .\nThe elf-girl sat beside him .\n{filler}\
         \" What you run for ? \" she asked .\n\" Because , \" he said .\n\" I knows . \"\n\
         \" Why ? \"\n\" You was afraid . \""
    );
    let all = speakers(&text);
    assert_eq!(all[..2], names(&["the elf-girl", "the boy"]), "{all:?}");
}

#[test]
fn a_gendered_description_stands_for_the_person_just_named() {
    let text = "Emma came into the room.\n\n\"Where is he?\" said the girl.\n\n\"Gone.\"\n\n\
                \"When?\"\n\n\"An hour ago.\"";
    assert_eq!(speakers(text)[0], Some("Emma".to_string()));
}

#[test]
fn in_a_novel_things_and_reported_speech_make_no_characters() {
    let text = "It is a truth universally acknowledged, that a man wants a wife.\n\n                \"Where is he?\" said the gesture.\n\n\"Gone.\"\n\n\"When?\"\n\n\
                \"An hour ago.\"\n\n\"Why?\" said the parson.";
    let result = attribute(text);
    let names: Vec<&str> = result.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(!names.contains(&"a truth"), "{names:?}");
    assert!(!names.contains(&"the gesture"), "{names:?}");
    assert!(names.contains(&"the parson"), "{names:?}");
}

#[test]
fn a_narrator_nobody_names_is_the_narrator() {
    let text = "Emma sat down.\n\n\"Is it raining?\" Emma asked.\n\n\"Not yet,\" I said.\n\n\
                \"Shall we walk?\"\n\n\"Yes,\" I said.\n\n\"Now?\"\n\n\"Soon,\" I said.\n\n\
                \"Good.\"";
    let all = speakers(text);
    let narrator = Some("the narrator".to_string());
    assert_eq!([&all[1], &all[3], &all[5]], [&narrator; 3], "{all:?}");
    assert_eq!(all[0], Some("Emma".to_string()), "{all:?}");
}

#[test]
fn the_narrator_is_the_other_side_of_a_talk_the_narration_puts_them_in() {
    // A long narration ends the first conversation; Bill is named after the narrator last
    // spoke, but the narration then puts the narrator beside Brett.
    let text = "Emma sat down.\n\n\"Is it raining?\" Emma asked.\n\n\"Not yet,\" I said.\n\n\
                \"Shall we walk?\"\n\n\"Yes,\" I said.\n\n\"Now?\"\n\n\"Soon,\" I said.\n\n\
                We walked for an hour along the river and then up the hill past the old church, \
                and the rain came on, so we turned and went back down to the town and the hotel \
                by the long road through the fields.\n\n\
                In the evening Bill came in with Brett and went out again. Brett sat down by me.\n\n\
                \"Was I rude to him?\" Brett asked.\n\n\"Not very.\"";
    let all = speakers(text);
    assert_eq!(
        all.last(),
        Some(&Some("the narrator".to_string())),
        "{all:?}"
    );
}

#[test]
fn a_narrator_named_only_by_the_others_becomes_an_entity() {
    let text = "Poirot looked up.\n\n\"Well, Hastings,\" said Poirot.\n\n\"Yes,\" I said.\n\n\
                \"You see, Hastings?\"\n\n\"No,\" I said.\n\n\"It is simple.\"\n\n\
                \"Is it?\" I said.\n\n\"Quite.\"";
    let all = speakers(text);
    assert_eq!(all[1], Some("Hastings".to_string()), "{all:?}");
    assert_eq!(all[5], Some("Hastings".to_string()), "{all:?}");
    assert_eq!(all[0], Some("Poirot".to_string()), "{all:?}");
}

#[test]
fn a_narrator_addressed_in_two_forms_goes_by_the_first_every_time() {
    // The narrator's name must not depend on the order a hash set happens to iterate in.
    let text = "Poirot looked up.\n\n\"Well, Mr. Hastings,\" said Poirot.\n\n\"Yes,\" I said.\n\n\
                \"You see, Hastings?\"\n\n\"No,\" I said.\n\n\"It is simple, Hastings.\"\n\n\
                \"Is it?\" I said.\n\n\"Quite, Mr. Hastings.\"\n\n\"Oh,\" I said.";
    let first = speakers(text);
    assert_eq!(first[1], Some("Mr. Hastings".to_string()), "{first:?}");
    for _ in 0..20 {
        assert_eq!(speakers(text), first);
    }
}

#[test]
fn a_name_a_cue_gives_a_speaker_is_not_the_narrators_however_often_called() {
    let text = "Mrs. Potts sat down. Martha stood by her.\n\n\
                \"Martha, my shawl,\" said Mrs. Potts.\n\n\"Here it is,\" I said.\n\n\
                \"Martha, my stick,\" said Mrs. Potts.\n\n\"Yes,\" I said.\n\n\
                \"Thank you,\" said Martha.\n\n\"Martha, the door,\" said Mrs. Potts.\n\n\
                \"Good,\" I said.\n\n\"Is it late?\"\n\n\"Not yet.\"\n\n\"Then go.\"";
    let all = speakers(text);
    assert_eq!(all[4], Some("Martha".to_string()), "{all:?}");
    for narrated in [1, 3, 6] {
        assert_eq!(all[narrated], Some("the narrator".to_string()), "{all:?}");
    }
}

#[test]
fn a_narrator_called_once_by_a_name_the_narrative_never_uses_goes_by_it() {
    let text = "Holmes looked up.\n\n\"Well, Watson,\" said Holmes.\n\n\"Yes,\" I said.\n\n\
                \"You see?\"\n\n\"No,\" I said.\n\n\"It is simple.\"\n\n\
                \"Is it?\" I said.\n\n\"Quite.\"";
    let all = speakers(text);
    assert_eq!(all[1], Some("Watson".to_string()), "{all:?}");
    assert_eq!(all[0], Some("Holmes".to_string()), "{all:?}");
}

#[test]
fn a_hotel_is_no_person_who_shares_its_name() {
    let text = "We stayed at the Hotel Montoya .\n\" Hello , \" said Montoya .\n\
                \" Hello , \" I said .\n\" Are you well ? \"\n\" Yes . \"\n\" Good , \" said Montoya .";
    assert_eq!(speakers(text)[0], Some("Montoya".to_string()));
}

#[test]
fn a_quote_opening_the_text_with_a_name_is_no_problem() {
    let text = "Hastings, come here,\" said Poirot.\n\n\"Yes,\" I said.\n\n\"Now.\"\n\n\
                \"Why?\" I said.\n\n\"Look.\"\n\n\"Well?\" I said.\n\n\"See.\"";
    assert!(!attribute(text).attributions.is_empty());
}

#[test]
fn a_common_word_after_an_honorific_is_a_surname() {
    let text = "Tony went last. It was the last day.\n\n\"Late again,\" said Mr Last.";
    assert_eq!(speakers(text), names(&["Mr Last"]));
}

#[test]
fn a_title_without_a_name_is_a_character_of_its_own() {
    let text = "Alice sat down.\n\n\"Who are you?\" said the Queen.\n\n\"My name is Alice.\"\n\n\
                \"Speak up.\"\n\n\"I am Alice.\"\n\n\"Off with her head!\" said the Queen.";
    let all = speakers(text);
    assert_eq!(all[0], Some("the Queen".to_string()), "{all:?}");
    assert_eq!(all[4], Some("the Queen".to_string()), "{all:?}");
    // A title ending in `ss` is no plural.
    let duchess = text.replace("the Queen", "the Duchess");
    assert_eq!(speakers(&duchess)[0], Some("the Duchess".to_string()));
}

#[test]
fn two_first_names_side_by_side_are_no_full_name() {
    let text = "Katharine Hilbery and Cassandra Otway sat.\n\n\
                He thought of Katharine Cassandra then.\n\n\"Hello,\" said Cassandra.\n\n\
                \"Yes.\"\n\n\"No.\"\n\n\"Maybe.\"";
    assert_eq!(speakers(text)[0], Some("Cassandra Otway".to_string()));
}

#[test]
fn a_relative_is_not_the_person_it_belongs_to() {
    let text = "Mrs. Bennet sat by the fire with Elizabeth.\n\n\
                \"Where is Jane?\" said her mother.\n\n\"Out.\"\n\n\"Where?\"\n\n\"Walking.\"";
    assert_eq!(speakers(text)[0], Some("Mrs. Bennet".to_string()));
}

#[test]
fn a_wife_or_father_bears_the_family_name() {
    // The nearest woman before `his wife` is Jane, and the nearest man before `her father`
    // Mr. Knightley; the family name makes them Mrs. Bennet and Mr. Woodhouse.
    let text = "Mrs. Bennet was upstairs. Mr. Bennet read while Jane sewed.\n\n\
                \"Is it late?\" said Mr. Bennet.\n\n\"Not yet, my dear,\" said his wife.\n\n\
                Emma Woodhouse came in with Mr. Woodhouse and Mr. Knightley.\n\n\
                \"We walked,\" said Emma.\n\n\"Too far,\" said her father.\n\n\"No.\"\n\n\
                \"Yes.\"\n\n\"Why?\"";
    let all = speakers(text);
    assert_eq!(
        all[..4],
        names(&[
            "Mr. Bennet",
            "Mrs. Bennet",
            "Emma Woodhouse",
            "Mr. Woodhouse"
        ]),
        "{all:?}"
    );
}

#[test]
fn a_relative_answering_a_vocative_is_the_person_addressed() {
    let text = "Emma sat with Mr. Weston.\n\n\"Good day,\" said Mr. Weston.\n\n\
                \"Good day to you,\" said Emma.\n\n\"Fine weather.\"\n\n\"Yes.\"\n\n\
                \"Warm, too, is it not, Emma?\"\n\n\"It is,\" said his wife.";
    let all = speakers(text);
    assert_eq!(all[5], Some("Emma".to_string()), "{all:?}");
    assert_eq!(rules(text)[5], ResolutionRule::Vocative);
}

#[test]
fn a_place_after_a_preposition_and_an_oath_call_no_one_to_answer() {
    for reply in ["In England. We had a row.", "Oh, God!"] {
        let text = format!(
            "Emma and Harriet sat down. England was cold. God knows they were tired.\n\n\
             \"Is it late?\" said Emma.\n\n\"Not yet,\" said Harriet.\n\n\
             \"Where were you?\"\n\n\"{reply}\"\n\n\"And then?\""
        );
        let all = speakers(&text);
        assert_eq!(all[4], Some("Emma".to_string()), "{reply}: {all:?}");
        assert_eq!(rules(&text)[4], ResolutionRule::TurnTaking, "{reply}");
    }
}

#[test]
fn the_person_a_lead_in_sentence_looks_at_is_not_the_speaker() {
    let text = "Dorian Gray sat down by Lord Henry.\n\n\"Good evening,\" said Lord Henry.\n\n\
                \"Good evening,\" said Dorian.\n\n\"Is it late?\"\n\n\"Not yet.\"\n\n\
                \"Then stay.\"\n\nDorian was silent. He looked over at Lord Henry and said, \
                \"Did it ever occur to you?\"";
    let all = speakers(text);
    assert_eq!(all[5], Some("Dorian Gray".to_string()), "{all:?}");
}

#[test]
fn a_short_narrative_between_turns_keeps_the_conversation() {
    let text =
        "Emma sat with Harriet.\n\n\"Is it long?\" said Emma.\n\n\"Not very,\" said Harriet.\n\n\
                Harriet looked grave.\n\n\"Then read it.\"\n\n\"I cannot.\"\n\n\"Why not?\"";
    let all = speakers(text);
    assert_eq!(all[2], Some("Emma".to_string()), "{all:?}");
    assert_eq!(rules(text)[2], ResolutionRule::TurnTaking);
}

#[test]
fn a_narrative_line_before_a_quote_line_names_its_speaker() {
    let text = "Holmes sat by the fire .\n\" Good evening , \" said Holmes .\n\
                \" Good evening . \"\n\" Sit down . \"\n\
                Watson looked round and lowered his voice .\n\" I am carrying papers . \"\n\
                \" Give them to me . \"";
    let all = speakers(text);
    assert_eq!(all[3], Some("Watson".to_string()), "{all:?}");
    assert_eq!(rules(text)[3], ResolutionRule::Narrative);
}

#[test]
fn a_nationality_alone_describes_rather_than_names() {
    let text = "Oliver sat by the fire.\n\n\"Who is there?\" said the Jew.\n\n\"Me.\"\n\n\
                \"Come in.\"\n\n\"Thank you.\"";
    let all = speakers(text);
    assert_eq!(all[0], Some("the Jew".to_string()), "{all:?}");
}

#[test]
fn a_character_always_called_with_the_keeps_it() {
    let text = "Alice looked at the Hatter.\n\n\"Have some wine,\" said the Hatter.\n\n\
                \"I see none.\"\n\n\"There is none.\"\n\n\"Then it was rude.\"";
    let all = speakers(text);
    assert_eq!(all[0], Some("the Hatter".to_string()), "{all:?}");
}

#[test]
fn a_lone_surname_keeps_its_title_in_fiction() {
    let text = "Dr Messinger came in with Tony.\n\n\"Ready?\" said Dr Messinger.\n\n\
                \"Yes.\"\n\n\"Then go.\"\n\n\"Now?\"";
    let all = speakers(text);
    assert_eq!(all[0], Some("Dr Messinger".to_string()), "{all:?}");
}

#[test]
fn the_other_is_no_character_of_its_own() {
    let text = "Two men stood at the gate.\n\n\"Cold,\" said the other.\n\n\"Yes.\"\n\n\
                \"Very.\"\n\n\"Go in.\"";
    let result = attribute(text);
    assert!(result.entities.iter().all(|e| e.name != "the other"));
}

#[test]
fn a_conversation_opens_with_the_person_the_narrative_was_about() {
    let text = "Emma came in.\n\nHarriet looked up from her book and smiled.\n\n\
                \"Is it late?\"\n\n\"Not very.\"\n\n\"Good.\"";
    let all = speakers(text);
    assert_eq!(all[0], Some("Harriet".to_string()), "{all:?}");
    assert_eq!(all[1], Some("Emma".to_string()), "{all:?}");
}

/// A dialogue where the last turn answers the one before's vocative: `Mr. Knightley` speaks
/// it, though turn-taking's alternation would give it to Harriet. `Mr. Collins` is named only
/// inside a quote.
const ADDRESSED: &str = "Emma and Harriet sat down. Mr. Knightley came in.\n\n\
                         \"Is it raining?\" said Emma.\n\n\"Not yet,\" said Harriet.\n\n\
                         \"Is it cold?\"\n\n\"A little.\"\n\n\
                         \"Shall we go out, Mr. Knightley? Mr. Collins will not.\"\n\n\"Gladly.\"";

/// The ranker candidates of each attribution of `text` (names, features), first pass.
fn candidates(text: &str) -> Vec<Vec<super::SpeakerCandidate>> {
    let doc = crate::segment::segment(text);
    let quotes = crate::marks::find_quotes(&doc);
    let found = crate::rules::attribute(&doc, &quotes);
    super::speaker_candidates(&doc, &found, &quotes, None)
}

/// The features of `text`'s candidates: the value of feature `feature_name` for the candidate
/// `name` of quote `quote`.
fn feature_values(text: &str) -> impl Fn(usize, &str, &str) -> f32 {
    let all = candidates(text);
    move |quote, name, feature_name| {
        let candidate = all[quote]
            .iter()
            .find(|c| c.names[0] == name)
            .unwrap_or_else(|| panic!("{name} is a candidate of quote {quote}"));
        feature(candidate, feature_name)
    }
}

/// The value of feature `name` in a candidate.
fn feature(candidate: &super::SpeakerCandidate, name: &str) -> f32 {
    let i = super::FEATURES
        .iter()
        .position(|f| *f == name)
        .expect("a feature name");
    candidate.features[i]
}

#[test]
fn whoever_spoke_in_the_window_is_a_candidate_though_not_named_there() {
    let filler = "The fire burned low.\n\n".repeat(9);
    let text = format!(
        "Mr. Knightley came in and sat down.\n\nEmma Woodhouse and Harriet Smith were by the \
         fire.\n\n{filler}\"Good day,\" he said.\n\n\"Good day,\" said Emma.\n\n\
         \"Hello,\" said Harriet.\n\n\"Is it cold?\"\n\n\"Very.\"\n\n\"And wet?\"\n\n\"Yes.\""
    );
    let all = candidates(&text);
    let names: Vec<&str> = all[6].iter().map(|c| c.names[0].as_str()).collect();
    assert!(names.contains(&"Mr. Knightley"), "{names:?}");
}

/// Asserts each `(quote, candidate name, feature name, value)` of `text`'s candidates.
fn assert_features(text: &str, expected: &[(usize, &str, &str, f32)]) {
    let value = feature_values(text);
    for &(quote, name, feature_name, want) in expected {
        assert_eq!(
            value(quote, name, feature_name),
            want,
            "{name}, {feature_name}"
        );
    }
}

#[test]
fn ranker_features_describe_turns_and_vocatives() {
    let all = candidates(ADDRESSED);
    assert_eq!(all.len(), 6);
    let last = &all[5];
    let by_name = |name: &str| {
        last.iter()
            .find(|c| c.names[0] == name)
            .unwrap_or_else(|| panic!("{name} is a candidate"))
    };
    // Named only inside a quote: never a candidate.
    assert!(all.iter().flatten().all(|c| c.names[0] != "Mr. Collins"));
    let (emma, harriet, knightley) = (
        by_name("Emma"),
        by_name("Harriet"),
        by_name("Mr. Knightley"),
    );
    assert_eq!(feature(knightley, "c_addressed_previous_turn"), 1.0);
    assert_eq!(feature(harriet, "c_addressed_previous_turn"), 0.0);
    assert_eq!(feature(harriet, "c_spoke_turn_minus_2"), 1.0);
    assert_eq!(feature(emma, "c_spoke_turn_minus_1"), 1.0);
    // The same turns weighed by their decisions' scores.
    let score = |quote: usize| {
        attribute(ADDRESSED).attributions[quote]
            .resolution
            .map_or(0.0, |r| r.score)
    };
    assert!(score(3) > 0.0 && score(4) > 0.0);
    assert_eq!(feature(harriet, "c_spoke_turn_minus_2_score"), score(3));
    assert_eq!(feature(emma, "c_spoke_turn_minus_1_score"), score(4));
    assert_eq!(feature(emma, "c_spoke_turn_minus_2_score"), 0.0);
    // The person addressed answers, before alternation is asked.
    assert_eq!(feature(knightley, "c_rule_choice"), 1.0);
    assert_eq!(feature(harriet, "c_rule_choice"), 0.0);
    assert_eq!(feature(harriet, "q_rule_vocative"), 1.0);
    assert_eq!(feature(harriet, "q_no_source"), 1.0);
    // The cued turns: the named speaker is the rules' choice.
    assert!(all[0]
        .iter()
        .any(|c| c.names[0] == "Emma" && feature(c, "c_rule_choice") == 1.0));
    assert!(all
        .iter()
        .flatten()
        .all(|c| c.features.len() == super::FEATURE_COUNT));
}

#[test]
fn ranker_features_describe_names_and_forms_of_address_in_the_quotes() {
    let text = "Emma and Mr. Knightley sat down.\n\n\"Is it raining?\" said Emma.\n\n\
                \"Not yet, madam. Ask Emma's father.\"\n\n\"Thank you.\"\n\n\"Yes.\"";
    let value = feature_values(text);
    assert_eq!(value(1, "Emma", "c_named_here"), 1.0);
    assert_eq!(value(1, "Mr. Knightley", "c_named_here"), 0.0);
    assert_eq!(value(1, "Emma", "c_gender_addressed_here"), 1.0);
    assert_eq!(value(1, "Mr. Knightley", "c_gender_addressed_here"), 0.0);
    assert_eq!(value(2, "Emma", "c_named_previous_turn"), 1.0);
    assert_eq!(value(2, "Emma", "c_gender_addressed_previous_turn"), 1.0);
    assert_eq!(value(0, "Emma", "c_gender_addressed_next_turn"), 1.0);
    assert_eq!(
        value(0, "Mr. Knightley", "c_gender_addressed_next_turn"),
        0.0
    );
}

#[test]
fn ranker_features_count_the_turns_each_side_of_a_conversation_names() {
    let text = "Emma and Mr. Knightley sat down.\n\n\"Is it raining?\" said Emma.\n\n\
                \"Not yet.\"\n\n\"Good,\" said Emma.\n\n\"Why?\"\n\n\"No reason.\"";
    let value = feature_values(text);
    // Turn 4 is two turns from `said Emma` and four from the other: Emma's side twice.
    let twice = (2.0f32).ln_1p() / 2.0;
    assert_eq!(value(4, "Emma", "c_named_turns_same_side"), twice);
    assert_eq!(value(4, "Emma", "c_named_turns_other_side"), 0.0);
    // Turn 3 is one and three turns away from them: the other side.
    assert_eq!(value(3, "Emma", "c_named_turns_other_side"), twice);
    assert_eq!(value(3, "Mr. Knightley", "c_named_turns_same_side"), 0.0);
}

#[test]
fn ranker_features_describe_the_narration_beside_the_quote_and_the_whole_dialogue() {
    let text = "Emma and Mr. Knightley sat down.\n\n\"Is it raining?\" said Emma.\n\n\
                \"Not yet.\" He looked at Emma.\n\n\"Good.\"\n\n\"Why?\"\n\n\"No reason.\"";
    assert_features(
        text,
        &[
            // `He` in the narration beside turn 1: a man's turn.
            (1, "Mr. Knightley", "c_narration_gender_agrees", 1.0),
            (1, "Mr. Knightley", "c_narration_gender_clashes", 0.0),
            (1, "Emma", "c_narration_gender_agrees", 0.0),
            (1, "Emma", "c_narration_gender_clashes", 1.0),
            (2, "Emma", "c_narration_gender_clashes", 0.0),
            // `looked at Emma`: the one looked at.
            (1, "Emma", "c_object_in_paragraph", 1.0),
            (1, "Mr. Knightley", "c_object_in_paragraph", 0.0),
            (0, "Emma", "c_object_in_paragraph", 0.0),
            // The rules alternate: Emma speaks turns 1, 3 and 5, Mr. Knightley 2 and 4.
            (1, "Emma", "c_share_of_document_turns", 0.6),
            (0, "Mr. Knightley", "c_share_of_document_turns", 0.4),
        ],
    );
}

#[test]
fn ranker_features_describe_narration_alone_between_two_turns() {
    // `Emma shook her head. She sighed.` stands between Mr. Knightley's question and the next turn.
    let text = "Emma and Mr. Knightley sat down.\n\n\"Is it raining?\" said Mr. Knightley.\n\n\
                Emma shook her head. She sighed.\n\n\"Not at all?\"\n\n\"No.\"\n\n\"Good.\"";
    assert_features(
        text,
        &[
            (1, "Emma", "q_narration_before", 1.0),
            (1, "Emma", "q_previous_turn_asks", 1.0),
            (1, "Emma", "c_first_in_narration_before", 1.0),
            (1, "Mr. Knightley", "c_first_in_narration_before", 0.0),
            (1, "Emma", "c_narration_before_gender_agrees", 1.0),
            (1, "Mr. Knightley", "c_narration_before_gender_agrees", 0.0),
            // Turn 2 follows turn 1 directly, which asks.
            (2, "Emma", "q_narration_before", 0.0),
            (2, "Emma", "q_previous_turn_asks", 1.0),
            (2, "Emma", "c_first_in_narration_before", 0.0),
            (3, "Emma", "q_previous_turn_asks", 0.0),
        ],
    );
}

/// A one-pass ranker that follows the rules unless a candidate was addressed by the turn
/// before.
fn answering_ranker() -> super::SpeakerRanker {
    linear_ranker(
        &[
            ("c_rule_choice", 1.0),
            ("c_gender_addressed_previous_turn", 2.0),
        ],
        vec![ResolutionRule::Name],
        Vec::new(),
    )
}

/// A one-pass ranker whose logit grows with the sum of the named features times their
/// weights, with the given kept and final rules.
fn linear_ranker(
    weights: &[(&str, f32)],
    keep_rules: Vec<ResolutionRule>,
    final_rules: Vec<ResolutionRule>,
) -> super::SpeakerRanker {
    let mut weight = vec![0.0; super::FEATURE_COUNT];
    for (name, value) in weights {
        let at = super::FEATURES
            .iter()
            .position(|f| f == name)
            .expect("feature");
        weight[at] = *value;
    }
    let config = super::RankerConfig {
        features: super::FEATURES.iter().map(|f| f.to_string()).collect(),
        hidden: 1,
        keep_rules,
        final_rules,
        passes: vec![super::Standardisation {
            mean: vec![0.0; super::FEATURE_COUNT],
            scale: vec![1.0; super::FEATURE_COUNT],
        }],
    };
    let weights = super::PassWeights {
        hidden_weight: weight,
        hidden_bias: vec![0.0],
        output_weight: vec![1.0],
        output_bias: 0.0,
    };
    super::SpeakerRanker::new(config, vec![weights]).expect("consistent sizes")
}

/// The speakers `ranker` gives the quotes of `text`, after the rules.
fn ranked_speakers(text: &str, ranker: super::SpeakerRanker) -> Vec<Option<String>> {
    let article = Article {
        id: "t".into(),
        title: None,
        text: text.into(),
    };
    Attributor::rules_only()
        .with_speaker_ranker(Some(ranker))
        .attribute(&article)
        .expect("valid test article")
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.clone()))
        .collect()
}

#[test]
fn a_final_rule_decision_stands_after_the_passes_that_ranked_it() {
    // A ranker that picks anyone but the rules' choice.
    let contrary = |final_rules| linear_ranker(&[("c_rule_choice", -1.0)], Vec::new(), final_rules);
    let overruled = ranked_speakers(ADDRESSED, contrary(Vec::new()));
    assert_ne!(overruled[..2], names(&["Emma", "Harriet"]), "{overruled:?}");
    let kept = ranked_speakers(ADDRESSED, contrary(vec![ResolutionRule::Name]));
    assert_eq!(kept[..2], names(&["Emma", "Harriet"]), "{kept:?}");
    // The other quotes are the passes' choice, as before.
    assert_eq!(kept[2..], overruled[2..]);
}

#[test]
fn the_ranker_overrules_a_wrong_turn_taking_decision() {
    // `sir` for the name: the rules' alternation gives the last turn to Harriet.
    let text = ADDRESSED.replace("out, Mr. Knightley?", "out, sir?");
    let turns = ["Emma", "Harriet"].repeat(3);
    assert_eq!(speakers(&text), names(&turns));
    let article = Article {
        id: "t".into(),
        title: None,
        text,
    };
    let ranked = Attributor::rules_only()
        .with_speaker_ranker(Some(answering_ranker()))
        .attribute(&article)
        .expect("valid test article");
    let speakers: Vec<_> = ranked
        .attributions
        .iter()
        .map(|a| a.speaker.as_ref().map(|s| s.name.clone()))
        .collect();
    let mut turns = turns;
    turns[5] = "Mr. Knightley";
    assert_eq!(speakers, names(&turns));
    let last = ranked.attributions[5].resolution.expect("a resolution");
    assert_eq!(last.rule, ResolutionRule::Ranker);
    assert!(last.score > 0.3 && last.score < 1.0, "{}", last.score);
    // The name rule is kept.
    assert_eq!(
        ranked.attributions[0].resolution.map(|r| r.rule),
        Some(ResolutionRule::Name)
    );
}

#[test]
fn a_ranker_for_other_features_is_refused() {
    let ranker = answering_ranker();
    let mut config = ranker.config().clone();
    config.features.pop();
    let weights = ranker.pass_weights().to_vec();
    assert!(super::SpeakerRanker::new(config, weights.clone()).is_err());
    let mut config = ranker.config().clone();
    config.hidden = 2;
    assert!(super::SpeakerRanker::new(config, weights).is_err());
}

#[test]
fn a_shared_surname_in_news_is_the_person_named_first() {
    let text = "Secrecy surrounds Hillary Clinton and her health.\n\n\
                Connie Mariano was the physician of former President Bill Clinton.\n\n\
                \"I had a big clot,\" Clinton wrote.";
    assert_eq!(speakers(text), names(&["Hillary Clinton"]));
}

#[test]
fn a_lead_describing_a_person_is_named_by_the_next_speaker() {
    let text = "A former party chairman says the leaders should act now.\n\n\
                \"Now is the time,\" said Don Fowler, who led the party.";
    assert_eq!(speakers(text), names(&["Don Fowler", "Don Fowler"]));
    assert_eq!(
        rules(text),
        [ResolutionRule::DescriptionNextSpeaker, ResolutionRule::Name]
    );
    // A poll is no person.
    let text = "A new poll says the voters are unhappy.\n\n\
                \"Now is the time,\" said Don Fowler, who led the party.";
    assert_eq!(speakers(text), names(&["", "Don Fowler"]));
}

#[test]
fn a_description_of_no_person_is_not_the_last_speaker() {
    let text = "\"You should resign,\" Elizabeth Warren said.\n\n\
                The bank said that it had fired the employees.\n\n\
                The senator said that it was not enough.";
    assert_eq!(
        speakers(text),
        names(&["Elizabeth Warren", "", "Elizabeth Warren"])
    );
}

#[test]
fn outside_dialogue_a_persons_description_nobody_named_fits_is_someone_of_its_own() {
    // Too few turns to read as a conversation: the news sieves decide, and an indefinite
    // description they leave unresolved is its own speaker if it describes a person; a
    // definite one stands for someone named, or nobody.
    let text = "The crowd gathered at the prison door.\n\n\
                \"Goodwives,\" said a hard-featured dame of fifty, \"I'll tell ye.\"\n\n\
                \"Mercy on us!\" exclaimed a saloon-keeper.\n\n\
                \"It will pass,\" said a clip, which ran all day.\n\n\
                \"Not for long,\" said the constable.";
    assert_eq!(
        speakers(text),
        names(&["a hard-featured dame of fifty", "a saloon-keeper", "", ""])
    );
    assert_eq!(rules(text)[..2], [ResolutionRule::Description; 2]);
}

#[test]
fn outside_dialogue_an_i_outside_the_quotes_is_the_narrator() {
    // Not someone named before: an op-ed's author, a journal's writer.
    let text = "Mary Smith came to the door at noon.\n\n\
                \"The storm has passed,\" I said to her.\n\n\
                \"We will rebuild,\" said John Brown.";
    assert_eq!(speakers(text), names(&["the narrator", "John Brown"]));
}

#[test]
fn a_bare_title_names_the_one_character_who_holds_it_however_long_ago() {
    let filler = "Brett met Mike and Bill at the cafe. ".repeat(30);
    let text = format!(
        "\"Hello,\" said Count Mippipopolous.\n\n\"Sit down,\" said Dr. Grant.\n\n{filler}\n\n\
         \"Do you like the wine?\" asked the count.\n\n\"It will pass,\" said the doctor."
    );
    assert_eq!(
        speakers(&text),
        names(&[
            "Count Mippipopolous",
            "Grant",
            "Count Mippipopolous",
            "Grant"
        ])
    );
}

#[test]
fn a_bare_title_names_the_last_character_named_with_it() {
    let text = "Opposite sat the Duchess of Harley.\n\n\"Dry-goods!\" cried the duchess.\n\n\
                Weeks later Dorian was talking to the pretty Duchess of Monmouth and Lady Narborough.\n\n\
                \"I recognize him,\" exclaimed the duchess.";
    assert_eq!(
        speakers(text),
        names(&["Duchess of Harley", "Duchess of Monmouth"])
    );
}

#[test]
fn in_a_novel_a_day_a_cue_takes_as_its_subject_is_a_character() {
    let text = "\"Sit down!\" said Sunday.\n\n\"I will,\" said Syme.\n\n\
                They reckoned from a Christian Sunday.\n\n\"Good,\" said Sunday.\n\n\
                \"Yes.\"\n\n\"No.\"\n\n\"Yes.\"";
    let all = speakers(text);
    assert_eq!(all[..3], names(&["Sunday", "Syme", "Sunday"]), "{all:?}");
}

#[test]
fn a_title_the_characters_give_someone_names_him_in_the_narration() {
    let text =
        "Mr. Losberne came in with Rose.\n\n\"Where is Doctor Losberne?\" asked Mr. Giles.\n\n\
                \"Here,\" said Rose.\n\n\"Sit down,\" said the doctor.\n\n\"Thank you.\"\n\n\"Not at all.\"\n\n\"Good.\"";
    let all = speakers(text);
    assert_eq!(all[2], Some("Mr. Losberne".to_string()), "{all:?}");
}

#[test]
fn a_girl_answering_a_woman_is_not_that_woman() {
    let text = "Mrs. Maylie sat by the fire.\n\n\"Sit down,\" said Mrs. Maylie.\n\n\
                \"Let me stand, lady,\" said the girl.\n\n\"As you wish.\"\n\n\"Thank you.\"\n\n\"Good.\"";
    let all = speakers(text);
    assert_eq!(all[1], Some("the girl".to_string()), "{all:?}");
}

#[test]
fn a_turn_with_no_source_goes_to_the_first_person_its_narrative_names() {
    let text = "\"Come in.\"\n\n\"Thank you.\"\n\n\"Sit down.\"\n\n\
                Zerbino had been kind, and Tony smiled. \"It is late.\"";
    let all = speakers(text);
    assert_eq!(all[3], Some("Tony".to_string()), "{all:?}");
}

#[test]
fn in_a_novel_it_and_they_speak_for_no_organisation() {
    let text = "The Chandrapore Club was quiet.\n\n\"We shall go,\" they said.\n\n\
                \"Go where?\"\n\n\"Home.\"\n\n\"Now?\"";
    let all = speakers(text);
    assert!(
        !all.contains(&Some("Chandrapore Club".to_string())),
        "{all:?}"
    );
}

#[test]
fn it_is_no_speaker_of_dialogue() {
    let text = "Lucy sighed.\n\n\"Oh, dear, what shall I do?\" It seemed to her that \
                everyone was behaving badly.\n\n\"Go and dress, dear.\"\n\n\"All right.\"\n\n\"Go.\"";
    let cues: Vec<Option<String>> = attribute(text)
        .attributions
        .iter()
        .map(|a| a.cue.as_ref().map(|c| c.text.clone()))
        .collect();
    assert!(!cues.contains(&Some("seemed".to_string())), "{cues:?}");
}

#[test]
fn a_name_alone_answering_a_question_calls_nobody() {
    let text =
        "Miss Bingley had gone out.\n\n\"Netherfield is let at last,\" said Mrs. Bennet.\n\n\
                Mr. Bennet made no answer.\n\n\"What is his name?\"\n\n\"Bingley.\"\n\n\
                \"Is he married or single?\"\n\n\"Oh! single, my dear.\"";
    let all = speakers(text);
    assert!(!all.contains(&Some("Miss Bingley".to_string())), "{all:?}");
    assert_eq!(all[1], Some("Mr. Bennet".to_string()), "{all:?}");
}

#[test]
fn the_other_is_whoever_did_not_speak_the_turn_before() {
    let text = "Tom and Jack walked on.\n\n\"Is it far?\" said Tom.\n\n\"Not far,\" said Jack.\n\n\
                \"Good,\" said Tom.\n\n\"Not yet,\" cried the other.\n\n\
                \"Then wait,\" said his companion.";
    assert_eq!(
        speakers(text),
        names(&["Tom", "Jack", "Tom", "Jack", "Tom"])
    );
}

#[test]
fn a_quote_ending_the_text_on_a_name_is_no_problem() {
    let text =
        "Emma and Harriet sat.\n\n\"Hello.\"\n\n\"Hi.\"\n\n\"What is his name?\"\n\n\"Bingley";
    let all = speakers(text);
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn a_second_verb_of_a_named_subject_is_spoken_by_it() {
    // `and said` has no subject of its own; Lydia is the earlier clause's, Lucy an object.
    let text = "Lydia was bid to hold her tongue; but Mr. Collins, much offended, laid aside \
                his book, and said,\n\n\"I have often observed it.\"\n\n\"Indeed?\"\n\n\"Yes.\"\n\n\
                Cecil bent towards Lucy and said:\n\n\"It seemed appalling.\"\n\n\"Why?\"";
    let all = speakers(text);
    assert_eq!(all[0], Some("Mr. Collins".to_string()), "{all:?}");
    assert_eq!(all[3], Some("Cecil".to_string()), "{all:?}");
}

#[test]
fn a_paragraph_ending_in_its_cue_introduces_the_next() {
    let text = "Syme turned to him and said\n\n\"You are quite hopeless, then?\"\n\n\"No.\"\n\n\
                \"Why not?\"\n\n\"Because.\"";
    let first = &attribute(text).attributions[0];
    assert_eq!(first.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(
        first.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Syme")
    );
}

#[test]
fn a_narrator_the_others_keep_calling_but_who_never_speaks_by_name_goes_by_that_name() {
    // The turns beside the narrator's `I said` call nobody; the others' talk calls
    // Alexis Ivanovitch five times, and he is never a cue's subject.
    let text = "The General looked up.\n\n\"Is it late?\" the General asked.\n\n\
                \"Not yet,\" I said.\n\n\"Good.\"\n\n\"Yes,\" I said.\n\n\"Now?\"\n\n\
                \"Soon,\" I said.\n\nWe walked for an hour along the river and then up the hill \
                past the old church, and the rain came on, so we turned and went back down to \
                the town by the long road through the fields and the wood.\n\n\
                \"Well, Alexis Ivanovitch, come here.\"\n\n\"Stop, Alexis Ivanovitch, stop.\"\n\n\
                \"Go on, Alexis Ivanovitch, go.\"\n\n\"Come, Alexis Ivanovitch, sit.\"\n\n\
                \"Listen, Alexis Ivanovitch, listen.\"";
    let all = speakers(text);
    let named = Some("Alexis Ivanovitch".to_string());
    assert_eq!([&all[1], &all[3], &all[5]], [&named; 3], "{all:?}");
}

#[test]
fn a_name_written_in_capitals_that_the_text_also_writes_in_title_case_is_title_cased() {
    // `JAKE` as a letter writes it; the talk calls him `Jake`. `NASA` is written no other way.
    let text = "DEAR JAKE, come home.\n\n\"Hello,\" said JAKE.\n\n\"Hi, Jake,\" said Bill.\n\n\
                \"Yes.\"\n\n\"No.\"\n\n\"We will fly,\" said NASA.";
    let all = speakers(text);
    assert_eq!(all[0], Some("Jake".to_string()), "{all:?}");
    assert_eq!(all.last(), Some(&Some("NASA".to_string())), "{all:?}");
}

#[test]
fn a_pronoun_speaker_is_not_the_person_the_quote_names_first() {
    // Aunt Charlotte is the woman named last; the quote speaks to her.
    let opening = "Katharine came in.\n\n\"Good evening.\"\n\n\"Sit down.\"\n\n\"Thank you.\"\n\n\
                   Katharine sat beside Aunt Charlotte.\n\n";
    let spoken_to = format!("{opening}\"Let me see your ring, Aunt Charlotte,\" she said.");
    // A later name may be the speaker's own: only the first counts.
    let self_named = format!("{opening}\"Aunt Charlotte, they call me Katharine now,\" she said.");
    for text in [spoken_to, self_named] {
        let all = speakers(&text);
        assert_eq!(all[3], Some("Katharine".to_string()), "{all:?}");
        assert_eq!(rules(&text)[3], ResolutionRule::Pronoun);
    }
}

#[test]
fn a_quote_without_a_source_is_not_the_turn_of_the_person_it_names_first() {
    // The narration names Watson, but the quote calls him `my dear Watson`: Holmes speaks.
    let text = "Holmes sat by the fire.\n\n\"Well?\" said Holmes.\n\n\
                \"It is raining,\" said Watson.\n\n\"Is it?\"\n\n\"It is.\"\n\n\
                \"Indeed?\"\n\n\"Yes.\"\n\n\
                Watson looked up. \"I fear, my dear Watson, that you are wet.\"";
    let all = speakers(text);
    assert_eq!(all[6], Some("Holmes".to_string()), "{all:?}");
    assert_eq!(rules(text)[6], ResolutionRule::TurnTaking);
}

#[test]
fn the_person_a_turn_addresses_answers_it_before_alternation() {
    // Two turns back is Beaver, but Milly has just asked Tony.
    let text = "Tony came in.\n\n\"Good evening,\" said Milly.\n\n\"Good evening,\" said Beaver.\n\n\
                \"Tea, Tony?\" said Milly.\n\n\"Yes, please.\"\n\n\"Sugar?\"\n\n\"No.\"\n\n\"Milk?\"";
    let all = speakers(text);
    assert_eq!(all[3], Some("Tony".to_string()), "{all:?}");
    assert_eq!(rules(text)[3], ResolutionRule::Vocative);
}

#[test]
fn a_person_a_name_owns_speaks_for_themselves() {
    // Not Dan, nor Milly, the last girl named; and in turn-taking a person of her own.
    let text = "Dan came in with Milly.\n\n\"Well,\" said Dan, \"what next?\"\n\n\
                \"Do I get a drink?\" said Dan's girl.\n\n\"Baby, you do.\"\n\n\"Good.\"\n\n\"Fine.\"";
    let all = speakers(text);
    assert_eq!(all[1], Some("Dan's girl".to_string()), "{all:?}");
    assert_eq!(rules(text)[1], ResolutionRule::Description);
    assert_eq!(all[3], Some("Dan's girl".to_string()), "{all:?}");
    // Nor is she `the girl` who spoke before.
    let text = format!("\"Who is there?\" said the girl.\n\n{text}");
    let all = speakers(&text);
    assert_eq!(all[0], Some("the girl".to_string()), "{all:?}");
    assert_eq!(all[2], Some("Dan's girl".to_string()), "{all:?}");
}
