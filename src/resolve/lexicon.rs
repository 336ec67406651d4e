//! Word lists of speaker resolution: titles, organisation words, honorifics and the gender of
//! common English first names.

/// Grammatical gender of a person or a pronoun, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    /// Unknown, or not a person.
    Unknown,
    /// `he`, `Mr`, `John`.
    Male,
    /// `she`, `Mrs`, `Emma`.
    Female,
}

impl Gender {
    /// Whether two genders can describe the same person (unknown agrees with anything).
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// The gender a gendered honorific or kinship title marks (`mrs` → female); `None` for a
/// neutral title (`dr`, `senator`) or a word that is no honorific.
pub(crate) fn honorific_gender(lower: &str) -> Option<Gender> {
    match lower.trim_end_matches('.') {
        "mr" | "mister" | "sir" | "lord" | "master" | "monsieur" | "herr" | "signor" | "count"
        | "baron" | "duke" | "prince" | "king" | "uncle" | "father" | "brother" => {
            Some(Gender::Male)
        }
        "mrs" | "miss" | "ms" | "lady" | "madame" | "mme" | "mademoiselle" | "mlle" | "frau"
        | "signora" | "countess" | "baroness" | "duchess" | "princess" | "queen" | "aunt"
        | "mother" | "sister" | "dame" => Some(Gender::Female),
        _ => None,
    }
}

/// Whether a word puts the name after it in an object's place, not a subject's: a preposition
/// (`turned to Lucy`), a verb (`approached Fielding`, `eyeing Dr. Grant`, `had Souki by the
/// foot`), or `where`, `whom`, `than`, `like`.
pub(crate) fn introduces_object(lower: &str) -> bool {
    crate::mention::PREPOSITIONS.contains(&lower)
        || (lower.len() > 3 && (lower.ends_with("ed") || lower.ends_with("ing")))
        || matches!(
            lower,
            "had"
                | "has"
                | "have"
                | "saw"
                | "gave"
                | "told"
                | "asked"
                | "let"
                | "made"
                | "heard"
                | "found"
                | "met"
                | "kissed"
                | "took"
                | "left"
                | "bade"
                | "bid"
                | "where"
                | "whom"
                | "than"
                | "like"
        )
}

/// The gender of `he` or `she`, in any case.
pub(crate) fn pronoun_gender(word: &str) -> Option<Gender> {
    if word.eq_ignore_ascii_case("he") {
        Some(Gender::Male)
    } else if word.eq_ignore_ascii_case("she") {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The gender an honorific written after the name marks (`Hamidullah Begum`, the wife of
/// Hamidullah), if it is one.
pub(crate) fn suffix_honorific_gender(lower: &str) -> Option<Gender> {
    match lower {
        "begum" => Some(Gender::Female),
        _ => None,
    }
}

/// Whether a noun names a relative of the close family, who most often bears the family name
/// (`wife`, `father`, `sister`).
pub(crate) fn is_close_family(lower: &str) -> bool {
    matches!(
        lower,
        "wife"
            | "husband"
            | "mother"
            | "father"
            | "brother"
            | "sister"
            | "son"
            | "daughter"
            | "mamma"
            | "mama"
            | "papa"
    )
}

/// The gender a person noun marks (`woman` → female), for descriptions such as `the old
/// woman` or `his wife`.
pub(crate) fn noun_gender(lower: &str) -> Option<Gender> {
    match lower {
        "man" | "gentleman" | "boy" | "lad" | "fellow" | "father" | "husband" | "brother"
        | "son" | "uncle" | "nephew" | "grandfather" | "king" | "lord" | "sir" | "papa"
        | "parson" | "priest" | "monk" | "footman" | "butler" | "landlord" | "waiter"
        | "prince" | "duke" | "baron" | "emperor" | "grandpa" | "dad" | "daddy" | "bridegroom" => {
            Some(Gender::Male)
        }
        "woman" | "lady" | "girl" | "mother" | "wife" | "sister" | "daughter" | "aunt"
        | "niece" | "grandmother" | "queen" | "mistress" | "maid" | "mamma" | "mama"
        | "landlady" | "widow" | "nurse" | "housekeeper" | "nanny" | "governess" | "duchess"
        | "countess" | "princess" | "baroness" | "empress" | "nun" | "bride" | "actress"
        | "waitress" | "hostess" | "granny" | "grandma" | "mum" | "mummy" => Some(Gender::Female),
        _ => honorific_gender(lower),
    }
}

/// Whether a head noun names a thing that novels let speak (`said the gesture`, `a truth
/// universally acknowledged`, `The Club comment`): an abstract noun, an organisation or a
/// place, or one of [`SPEAKING_THINGS`]. Such a description is no character of its own.
pub(crate) fn is_thing_noun(lower: &str) -> bool {
    const ABSTRACT_SUFFIXES: [&str; 7] = ["tion", "ment", "ness", "ity", "ence", "ance", "ism"];
    ABSTRACT_SUFFIXES.iter().any(|s| lower.ends_with(s))
        || SPEAKING_THINGS.contains(&lower)
        || ORGANISATION_WORDS.contains(&lower)
        || super::places::is_place_noun(lower)
}

/// Things a novel's narrative makes the subject of a speech verb.
const SPEAKING_THINGS: &[&str] = &[
    "truth", "gesture", "voice", "face", "look", "letter", "note", "sign", "silence", "thought",
    "answer", "reply", "word", "words", "paper", "book", "room", "house",
];

/// Whether a description's head noun names a person (`chairman`, `judge`, `woman`) rather
/// than a body or a thing (`the campaign`, `a poll`, `the court`).
pub(crate) fn is_person_noun(lower: &str) -> bool {
    noun_gender(lower).is_some() || PERSON_NOUNS.contains(&lower)
}

/// Whether a description's head noun reads as a person: a person noun, or an agent noun that
/// names no thing (`kidnapper`, `saloon-keeper`, `doctor`, `novelist`, `Persian`, `postman`).
pub(crate) fn is_person_head(lower: &str) -> bool {
    const AGENT_SUFFIXES: [&str; 6] = ["er", "or", "ist", "ian", "man", "ess"];
    let last = lower.rsplit('-').next().unwrap_or(lower);
    is_person_noun(last)
        || (!is_thing_noun(last) && AGENT_SUFFIXES.iter().any(|s| last.ends_with(s)))
}

/// Roles and offices a news description is headed by (with [`noun_gender`]'s nouns).
const PERSON_NOUNS: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "announcer",
    "attorney",
    "billionaire",
    "businessman",
    "businesswoman",
    "candidate",
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "commissioner",
    "congressman",
    "congresswoman",
    "director",
    "doctor",
    "economist",
    "executive",
    "expert",
    "founder",
    "governor",
    "judge",
    "justice",
    "lawmaker",
    "lawyer",
    "leader",
    "mayor",
    "minister",
    "mogul",
    "narrator",
    "nominee",
    "officer",
    "official",
    "physician",
    "president",
    "professor",
    "prosecutor",
    "secretary",
    "senator",
    "sheriff",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strategist",
];

/// Nationality and faith nouns: alone (`the Jew`, `the Englishwoman`) they describe a person,
/// they do not name one.
pub(super) const DEMONYMS: &[&str] = &[
    "american",
    "americans",
    "christian",
    "dutchman",
    "english",
    "englishman",
    "englishmen",
    "englishwoman",
    "european",
    "french",
    "frenchman",
    "frenchwoman",
    "german",
    "greek",
    "hindu",
    "indian",
    "irishman",
    "italian",
    "jew",
    "jewess",
    "mohammedan",
    "moslem",
    "muslim",
    "russian",
    "scotchman",
    "scotsman",
    "spaniard",
    "spanish",
    "turk",
];

/// The gender of a common English first name, if it is one of the listed ones.
pub(crate) fn first_name_gender(lower: &str) -> Option<Gender> {
    if MALE_FIRST_NAMES.binary_search(&lower).is_ok() {
        Some(Gender::Male)
    } else if FEMALE_FIRST_NAMES.binary_search(&lower).is_ok() {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Common male first names, sorted.
const MALE_FIRST_NAMES: &[&str] = &[
    "aaron",
    "adam",
    "alan",
    "albert",
    "alexander",
    "alfred",
    "allan",
    "ambrose",
    "andrew",
    "angus",
    "anthony",
    "archibald",
    "arthur",
    "augustus",
    "barack",
    "ben",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "billy",
    "bob",
    "brian",
    "bruce",
    "carl",
    "charles",
    "charley",
    "charlie",
    "chris",
    "christopher",
    "clarence",
    "colin",
    "cornell",
    "cyril",
    "dan",
    "daniel",
    "dante",
    "david",
    "dick",
    "don",
    "donald",
    "douglas",
    "duncan",
    "ed",
    "edgar",
    "edmund",
    "edward",
    "edwin",
    "eric",
    "ernest",
    "eugene",
    "frank",
    "franklin",
    "fred",
    "frederick",
    "gabriel",
    "geoffrey",
    "george",
    "gerald",
    "gilbert",
    "gordon",
    "harold",
    "harry",
    "henry",
    "herbert",
    "horace",
    "howard",
    "hugh",
    "ian",
    "ildefonso",
    "isaac",
    "jack",
    "jacob",
    "jake",
    "james",
    "jared",
    "jason",
    "jasper",
    "jeb",
    "jeff",
    "jeffrey",
    "jerry",
    "jim",
    "jimmy",
    "joe",
    "joel",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "joseph",
    "josh",
    "joshua",
    "julian",
    "ken",
    "kenneth",
    "kevin",
    "larry",
    "lawrence",
    "leonard",
    "lester",
    "lewis",
    "louis",
    "luis",
    "luke",
    "lyndon",
    "marco",
    "mark",
    "martin",
    "matteo",
    "matthew",
    "max",
    "mehmet",
    "michael",
    "mike",
    "mitch",
    "mitt",
    "morris",
    "nathan",
    "ned",
    "neil",
    "newt",
    "nicholas",
    "noah",
    "norman",
    "oliver",
    "oscar",
    "patrick",
    "paul",
    "peter",
    "philip",
    "phillip",
    "ralph",
    "rand",
    "ray",
    "raymond",
    "reince",
    "richard",
    "rick",
    "robert",
    "rod",
    "roger",
    "ronald",
    "rudy",
    "rupert",
    "rush",
    "sam",
    "samuel",
    "scott",
    "sean",
    "sergei",
    "stephen",
    "steve",
    "steven",
    "ted",
    "thomas",
    "tim",
    "timothy",
    "tom",
    "tommy",
    "tony",
    "vladimir",
    "walter",
    "wilfred",
    "william",
    "willie",
    "willoughby",
];

/// Common female first names, sorted.
const FEMALE_FIRST_NAMES: &[&str] = &[
    "abigail",
    "ada",
    "agnes",
    "alice",
    "amanda",
    "amelia",
    "amelize",
    "amy",
    "angela",
    "angelique",
    "ann",
    "anna",
    "anne",
    "annie",
    "audrey",
    "ava",
    "barbara",
    "beatrice",
    "becky",
    "betsy",
    "betty",
    "brenda",
    "bridget",
    "caroline",
    "carolyn",
    "catherine",
    "cecilia",
    "cecily",
    "celia",
    "charlotte",
    "christina",
    "clara",
    "clarissa",
    "claudia",
    "connie",
    "constance",
    "cynthia",
    "daisy",
    "deborah",
    "diana",
    "dorothy",
    "edith",
    "edna",
    "eleanor",
    "elinor",
    "eliza",
    "elizabeth",
    "ella",
    "ellen",
    "elsie",
    "emily",
    "emma",
    "esther",
    "ethel",
    "eva",
    "evelyn",
    "fanny",
    "flora",
    "florence",
    "frances",
    "georgiana",
    "grace",
    "hannah",
    "harriet",
    "heidi",
    "helen",
    "henrietta",
    "hilda",
    "hillary",
    "hope",
    "huma",
    "isabel",
    "isabella",
    "ivana",
    "ivanka",
    "jane",
    "janet",
    "jenny",
    "jessica",
    "jill",
    "jo",
    "joan",
    "josephine",
    "joyce",
    "judith",
    "julia",
    "julie",
    "kamala",
    "kate",
    "katharine",
    "katherine",
    "kathleen",
    "kellyanne",
    "kitty",
    "laura",
    "lavinia",
    "leonora",
    "leslie",
    "lilian",
    "lily",
    "loretta",
    "louisa",
    "louise",
    "lucy",
    "lydia",
    "mabel",
    "madeleine",
    "maggie",
    "margaret",
    "margot",
    "maria",
    "marianne",
    "marie",
    "marjorie",
    "martha",
    "mary",
    "maud",
    "meg",
    "melania",
    "melezia",
    "michelle",
    "mildred",
    "milly",
    "miriam",
    "molly",
    "nancy",
    "nell",
    "nelly",
    "nora",
    "olivia",
    "pamela",
    "patricia",
    "pauline",
    "penelope",
    "phoebe",
    "polly",
    "rachel",
    "rakeyia",
    "rebecca",
    "rosamund",
    "rose",
    "ruth",
    "sally",
    "sara",
    "sarah",
    "sophia",
    "sophie",
    "susan",
    "susanna",
    "sybil",
    "sylvia",
    "tess",
    "theresa",
    "tina",
    "ursula",
    "victoria",
    "violet",
    "virginia",
    "winifred",
];

/// Words of a name phrase that are titles or descriptions, not part of the name.
pub(super) const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "doctor",
    "cousin",
    "prof",
    "professor",
    "president",
    "secretary",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "defense",
    "defence",
    "state",
    "us",
    "u.s",
    "uk",
    "minister",
    "prime",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "gen",
    "general",
    "judge",
    "justice",
    "mayor",
    "speaker",
    "leader",
    "director",
    "attorney",
    "commissioner",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "former",
    "vice",
    "deputy",
    "foreign",
    "candidate",
    "nominee",
    "democrat",
    "republican",
    "democratic",
    "gop",
    "sir",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "father",
    "sister",
    "brother",
    "captain",
    "capt",
    "col",
    "colonel",
    "lt",
    "sgt",
    "the",
    "said",
    "presidential",
    "rev",
    "officer",
    "ceo",
    "founder",
    "analyst",
    "professor",
    "economist",
    "chancellor",
    "premier",
    "del",
    "delegate",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "councilman",
    "councilwoman",
    "lawmaker",
    "admiral",
    "adm",
    "commander",
    "sheriff",
    "treasurer",
];

/// Whether a person noun names a trade whose holder a novel seldom names (`said the waiter`,
/// `the maid`): such a description is a character of its own, not the last man or woman named.
pub(crate) fn is_service_noun(lower: &str) -> bool {
    matches!(
        lower,
        "waiter"
            | "waitress"
            | "maid"
            | "housemaid"
            | "landlady"
            | "landlord"
            | "porter"
            | "servant"
            | "clerk"
            | "guard"
            | "driver"
            | "coachman"
            | "cabman"
            | "policeman"
            | "constable"
            | "footman"
            | "butler"
            | "conductor"
            | "steward"
            | "stewardess"
            | "barman"
            | "barmaid"
            | "shopman"
            | "shopkeeper"
            | "postman"
            | "gardener"
            | "groom"
            | "boatman"
            | "sailor"
            | "soldier"
            | "officer"
    )
}

/// Whether a source's first word speaks for several people or for anyone (`they`, `someone`,
/// `one of them`, `the others`), not for one person.
pub(super) fn is_group_or_anyone(lower: &str) -> bool {
    matches!(
        lower,
        "they"
            | "we"
            | "someone"
            | "somebody"
            | "anyone"
            | "everyone"
            | "everybody"
            | "one"
            | "another"
            | "others"
            | "all"
            | "both"
            | "some"
            | "several"
            | "many"
    )
}

/// Ranks that precede a name but, unlike [`TITLE_WORDS`], also stand for it alone.
pub(super) const RANK_WORDS: &[&str] = &[
    "inspector",
    "detective",
    "superintendent",
    "sergeant",
    "constable",
];

/// A title as a description names it: abbreviations written out (`Dr.` is `the doctor`).
pub(super) fn title_in_full(title: &str) -> &str {
    match title {
        "dr" => "doctor",
        "prof" => "professor",
        "col" => "colonel",
        "capt" => "captain",
        "gen" => "general",
        "sen" => "senator",
        "gov" => "governor",
        "rep" => "representative",
        "adm" => "admiral",
        "sgt" => "sergeant",
        "lt" => "lieutenant",
        "rev" => "reverend",
        other => other,
    }
}

/// Last words of newspaper names, which the paper goes by alone (`the Times`).
pub(super) const PUBLICATION_WORDS: &[&str] = &[
    "times",
    "post",
    "journal",
    "tribune",
    "herald",
    "globe",
    "examiner",
    "inquirer",
    "chronicle",
    "gazette",
];

/// Words that make a name an organisation.
pub(super) const ORGANISATION_WORDS: &[&str] = &[
    "pentagon",
    "house",
    "department",
    "ministry",
    "agency",
    "post",
    "times",
    "news",
    "journal",
    "committee",
    "party",
    "campaign",
    "inc",
    "corp",
    "university",
    "institute",
    "council",
    "association",
    "government",
    "police",
    "service",
    "office",
    "bureau",
    "fbi",
    "cia",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "msnbc",
    "reuters",
    "ap",
    "afp",
    "yonhap",
    "sputnik",
    "kremlin",
    "congress",
    "senate",
    "court",
    "foundation",
    "center",
    "centre",
    "group",
    "company",
    "bank",
    "commission",
    "administration",
    "army",
    "navy",
    "network",
    "press",
    "tribune",
    "herald",
    "union",
    "nato",
    "un",
    "eu",
    "politico",
    "breitbart",
    "gallup",
    "poll",
    "magazine",
    "coalition",
    "caucus",
    "alliance",
    "federation",
    "organization",
    "organisation",
    "rt",
    "imf",
    "fund",
    "club",
    "society",
    "church",
    "school",
    "college",
    "hospital",
    "hotel",
    "inn",
    "restaurant",
    "cafe",
    "café",
    "theatre",
    "theater",
    "museum",
];

/// Whether a word is a day of the week or a month (`may` apart): no name, but in a novel a
/// character may be called so (`said Sunday`).
pub(super) fn is_calendar_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Whether a capitalised word names no one: words that start sentences (`And`, `Then`) and
/// the calendar's.
pub(super) fn is_no_name(lower: &str) -> bool {
    NOT_NAMES.contains(&lower) || is_calendar_word(lower)
}

/// Capitalised words that start sentences without naming anyone.
const NOT_NAMES: &[&str] = &[
    "editor",
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "during",
    "without",
    "within",
    "upon",
    "into",
    "through",
    "across",
    "behind",
    "beneath",
    "beside",
    "between",
    "beyond",
    "toward",
    "towards",
    "until",
    "unless",
    "since",
    "because",
    "whether",
    "once",
    "again",
    "only",
    "even",
    "every",
    "each",
    "never",
    "thus",
    "then",
    "here",
    "ye",
    "thee",
    "thou",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "for",
    "with",
    "by",
    "from",
    "to",
    "of",
    "or",
    "not",
    "no",
    "yes",
    "what",
    "who",
    "why",
    "how",
    "where",
    "asked",
    "said",
    "says",
    "tensions",
    "talks",
    "also",
    "some",
    "many",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "dr",
    // Interjections open quotes like vocatives (`"Oh, Hastings!"`) but name nobody.
    "oh",
    "ah",
    "aye",
    "nay",
    "alas",
    "hullo",
    "hallo",
    "hello",
    "well",
    "good",
    "dear",
    "indeed",
    "now",
    "come",
    "look",
    "hush",
    "eh",
    "hm",
    "nonsense",
    // Oaths (`"Oh, God!"`, `"Good heavens, Emma"`) call on no one in the conversation.
    "god",
    "gad",
    "heaven",
    "heavens",
    "goodness",
    "gracious",
    "jove",
    // Sentence adverbs, connectives and indefinite pronouns that open sentences (`Moreover,`,
    // `Few women could`, `Everyone said`) but name nobody.
    "moreover",
    "furthermore",
    "hence",
    "therefore",
    "nevertheless",
    "nonetheless",
    "besides",
    "anyway",
    "perhaps",
    "nor",
    "whichever",
    "whatever",
    "whoever",
    "such",
    "few",
    "several",
    "please",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "nobody",
    "ere",
    "herein",
    "accordingly",
    "otherwise",
    "likewise",
    "instead",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_name_lists_are_sorted_for_binary_search() {
        assert!(MALE_FIRST_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(FEMALE_FIRST_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(first_name_gender("emma"), Some(Gender::Female));
        assert_eq!(first_name_gender("john"), Some(Gender::Male));
        assert_eq!(first_name_gender("pentagon"), None);
    }

    #[test]
    fn honorifics_mark_gender() {
        assert_eq!(honorific_gender("mrs."), Some(Gender::Female));
        assert_eq!(honorific_gender("mr"), Some(Gender::Male));
        assert_eq!(honorific_gender("senator"), None);
        assert!(Gender::Unknown.agrees(Gender::Male));
        assert!(!Gender::Female.agrees(Gender::Male));
    }
}
