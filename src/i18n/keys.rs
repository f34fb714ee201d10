//! The typed keys of the catalogs: one variant per interface string, one per counted noun.
//! Each language is a `match` over these enums, so a key missing from a language does not
//! compile; `ALL` lets the tests walk every key.

macro_rules! keys {
    ($(#[$meta:meta])* $name:ident { $($key:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];
        }
    };
}

keys! {
    /// An interface string. Templates name their parameters in braces: `{n}`, `{key}`.
    Msg {
        AppName,
        // panes, as the status bar names the focused one
        FocusLibrary, FocusArticle, FocusPanel,
        // status bar
        StatusStory, StatusSearch, Hints, SearchPrompt,
        // messages
        ControlsShown, ControlsHidden, StillExtracting, ConfigProblem, NotInLibrary,
        // what the reader says once about a terminal it cannot set up alone
        KonsoleBidi, TmuxPassthrough,
        // library
        Undated,
        // facts panel
        Extracting, Nothing, FiguresHeading, PeopleHeading, PlacesHeading, OrganizationsHeading,
        QuotesHeading, LinkedHeading, KindCounts, KindApprox, KindPercent, KindMoney,
        KindQuantities, KindDurations, KindDates, KindDays, KindTimes, KindOrdinals, ReadAlso,
        RelatedBy, Related, UnknownSpeaker,
        // help
        HelpTitle, HelpMore, HelpQuit, HelpHelp, HelpDown, HelpUp, HelpPageDown, HelpPageUp,
        HelpTop, HelpBottom, HelpNextPane, HelpPrevPane, HelpPaneLeft, HelpPaneRight, HelpOpen,
        HelpBack, HelpNextFigure, HelpPrevFigure, HelpSearch, HelpNextHit, HelpPrevHit, HelpClose,
        HelpHighlights, HelpLibrary, HelpPanel, HelpControls, HelpRedraw, HelpFetch, HelpFetchAll,
        HelpOpenLink, HelpToggleRead,
        // feeds in the reader
        FeedUnread, Fetching, FetchDone, FetchFailed, AlreadyFetching, NoFeedSelected, NoLink,
        OpeningLink, NotStored, MarkedRead, MarkedUnread, StoreProblem,
        // `qari extract --format table`
        TablePublished, TableDateline, TableAuthor, TableSite, TableSources, TableCounts, TablePeople, TablePlaces,
        TableOrganizations, TableQuote,
        FigureCount, FigureApprox, FigurePercent, FigureMoney, FigureDate, FigureTime,
        FigureWeekday, FigureOrdinal, FigureDuration, FigureQuantity,
    }
}

keys! {
    /// A noun counted with a number, written with the plural forms of each language.
    Counted {
        Figures,
        Paragraphs,
    }
}
