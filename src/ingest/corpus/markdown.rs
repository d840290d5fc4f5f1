//! Markdown → document tree: sections (by heading path) holding blocks (paragraphs, list
//! items with their bold lead-in, table rows with their header's column names, code), each
//! with its source line and the callout it sits in.
//!
//! The tree is built in one pass over pulldown-cmark's events with an explicit stack, so
//! input nested 100 000 levels deep costs memory, not the call stack.

use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::text;

/// The most table columns kept: cells past it are dropped. Every row carries its table's
/// column names, so a 1000×3900 table once cost 1.24 GB (issue 11).
pub const MAX_COLUMNS: usize = 64;

/// The most blocks (paragraphs, list items, table rows, code) read from one article; a
/// real one has a few hundred. Past it the rest of the article is not read.
pub const MAX_BLOCKS: usize = 20_000;

/// The most table cells read from one article (the largest tables of the guidance have a
/// few hundred); past it, the rest of the article's table rows are not read. Each cell is
/// a few strings: 8 articles of 20000 rows of 64 cells took over a gigabyte (issue 17).
pub const MAX_CELLS: usize = 100_000;

/// The most sections read from one article; past it, headings open no new section.
pub const MAX_SECTIONS: usize = 5_000;

/// The longest column name kept, in characters (a table's rows each copy its names).
pub const MAX_COLUMN_NAME_CHARS: usize = 100;

/// Joins the heading above a tab group and a tab's label in the tab's title ("Pattern 2 ›
/// Azure OpenAI"); the page's anchor is the heading's, as tabs have none of their own.
pub const TAB_SEPARATOR: &str = " › ";

/// The longest heading kept, in characters; a longer one is cut at a word with `…`.
pub const MAX_HEADING_CHARS: usize = 500;

/// The most links kept from one article (a real one has a few hundred); links are kept
/// until the whole corpus is read, so an article of nothing but links once held 100 MB.
pub const MAX_LINKS: usize = 5_000;

/// One article, parsed.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// The first level-1 heading, if any.
    pub h1: Option<String>,
    pub sections: Vec<Section>,
    /// What was left out to keep within the limits above, in words.
    pub truncated: Option<String>,
}

/// The text under one heading, up to the next heading of any level.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Clean heading text; empty for the text before the first heading.
    pub heading: String,
    /// 1–6, or 0 for the text before the first heading.
    pub level: u8,
    /// The headings that enclose this one, outermost first (not including this one).
    pub trail: Vec<String>,
    pub line: u32,
    pub blocks: Vec<Block>,
}

impl Section {
    /// The enclosing headings and this one, outermost first.
    pub fn heading_path(&self) -> impl Iterator<Item = &str> {
        self.trail
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(self.heading.as_str()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem,
    /// A table row; the header row of a table is one too, with `is_header` set.
    TableRow,
    Code,
}

/// A paragraph, list item, table row or code block.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub line: u32,
    /// Clean text of the whole block (for a table row, its cells joined by ` | `).
    pub text: String,
    /// The bold words that open the block (`**Model decay**: …` → `Model decay`).
    pub lead: Option<String>,
    /// Table cells, for table rows.
    pub cells: Vec<Cell>,
    /// The column names of the table a row belongs to, shared by all its rows: a copy a
    /// row made 20000-row tables of 64 long column names cost a gigabyte (issue 17).
    pub header: std::sync::Arc<[String]>,
    pub is_header: bool,
    /// The callout the block sits in: `note`, `tip`, `important`, `warning`, `caution`,
    /// `div class="checklist"`, `div class="nextstepaction"`, or `quote` for a plain quote.
    pub callout: Option<String>,
    /// List nesting depth, 1 for a top-level item; 0 outside lists.
    pub depth: u32,
    pub links: Vec<Link>,
    /// The block showed the trade-off icon.
    pub tradeoff_icon: bool,
}

/// One table cell's text.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    /// The text before the first line break (`<br>`) of the cell.
    pub first_line: String,
    pub lead: Option<String>,
    pub links: Vec<Link>,
}

/// A link as written: its text and its target, unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub target: String,
}

/// Text being gathered for a block or cell.
#[derive(Debug, Default)]
struct Run {
    raw: String,
    lead: Option<String>,
    /// Byte offset in `raw` where the open bold lead-in began.
    lead_start: Option<usize>,
    lead_done: bool,
    links: Vec<Link>,
    open_links: Vec<(usize, String)>,
}

impl Run {
    fn push(&mut self, s: &str) {
        self.raw.push_str(s);
    }
    fn start_strong(&mut self) {
        if !self.lead_done && self.lead_start.is_none() && clean(&self.raw).0.is_empty() {
            self.lead_start = Some(self.raw.len());
        }
    }
    fn end_strong(&mut self) {
        if let Some(start) = self.lead_start.take() {
            let lead = clean(&self.raw[start..]).0;
            if !lead.is_empty() {
                self.lead = Some(lead);
                self.lead_done = true;
            }
        }
    }
    fn start_link(&mut self, target: String) {
        self.open_links.push((self.raw.len(), target));
    }
    fn end_link(&mut self) {
        // One past the cap, so the article's budget sees that some were left out.
        if let Some((start, target)) = self.open_links.pop()
            && self.links.len() <= MAX_LINKS
        {
            let text = clean(&self.raw[start..]).0;
            self.links.push(Link { text, target });
        }
        // Text after a link ends any chance of a lead-in that has not started yet.
    }
    fn first_line(&self) -> String {
        clean(self.raw.split('\n').next().unwrap_or("")).0
    }
}

/// Clean text of raw inline content, and whether it carried the trade-off icon.
fn clean(raw: &str) -> (String, bool) {
    let (stripped, directives) = text::strip_directives(raw);
    (text::normalize_space(&stripped), directives.tradeoff_icon)
}

enum Open {
    /// A block being written at `index` in the current section.
    Block {
        index: usize,
        run: Run,
    },
    Cell {
        run: Run,
    },
    Heading {
        run: Run,
        level: u8,
        line: u32,
    },
    /// A list, remembering the depth of its items.
    List,
    Quote,
    Image,
    Table,
}

/// Maps a byte offset of the parsed text to the 1-based line of the file it came from.
pub trait Lines {
    fn line(&self, offset: usize) -> u32;
}

/// Line starts of a text, for [`Lines`].
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
    pub fn line(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(idx.max(1)).unwrap_or(u32::MAX)
    }
}

impl Lines for LineIndex {
    fn line(&self, offset: usize) -> u32 {
        LineIndex::line(self, offset)
    }
}

/// Parses the Markdown `body`; `lines` maps its offsets to file lines.
pub fn parse(body: &str, lines: &impl Lines) -> Tree {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_GFM);
    let mut b = Builder::default();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        b.event(event, lines.line(range.start));
    }
    b.finish()
}

#[derive(Default)]
struct Builder {
    tree: Tree,
    stack: Vec<Open>,
    /// Headings that enclose the current position: (level, text).
    /// The last is a tab's when `tab` says so (see [`Builder::heading`]).
    trail: Vec<(u8, String)>,
    /// The innermost heading of `trail` is a tab of a tab group.
    tab: bool,
    /// Callout names of the open block quotes; empty string while still unknown.
    callouts: Vec<String>,
    list_depth: u32,
    header: std::sync::Arc<[String]>,
    row_cells: Vec<Cell>,
    in_head: bool,
    row_line: u32,
    /// Blocks read so far, against [`MAX_BLOCKS`].
    blocks: usize,
    /// Table cells read so far, against [`MAX_CELLS`].
    cells: usize,
    /// Links kept so far, against [`MAX_LINKS`].
    links: usize,
}

impl Builder {
    fn section(&mut self) -> &mut Section {
        if self.tree.sections.is_empty() {
            self.tree.sections.push(Section::default());
        }
        let last = self.tree.sections.len() - 1;
        &mut self.tree.sections[last]
    }

    /// Counts one more block; false once past [`MAX_BLOCKS`] (saying so once).
    fn room_for_block(&mut self) -> bool {
        self.blocks += 1;
        if self.blocks <= MAX_BLOCKS {
            return true;
        }
        self.tree.truncated.get_or_insert_with(|| {
            format!(
                "more than {MAX_BLOCKS} paragraphs, list items and table rows; the rest is not read"
            )
        });
        false
    }

    /// Keeps as many of `links` as the article's budget allows.
    fn budget_links(&mut self, mut links: Vec<Link>) -> Vec<Link> {
        let room = MAX_LINKS.saturating_sub(self.links);
        if links.len() > room {
            links.truncate(room);
            self.tree.truncated.get_or_insert_with(|| {
                format!("more than {MAX_LINKS} links; the rest are not followed")
            });
        }
        self.links += links.len();
        links
    }

    fn open_block(&mut self, kind: BlockKind, line: u32) {
        if !self.room_for_block() {
            // Still opened, so its end is matched, but it is never stored.
            self.stack.push(Open::Block {
                index: usize::MAX,
                run: Run::default(),
            });
            return;
        }
        let callout = self.callouts.last().cloned().filter(|c| !c.is_empty());
        let depth = if kind == BlockKind::ListItem {
            self.list_depth
        } else {
            0
        };
        let section = self.section();
        section.blocks.push(Block {
            kind,
            line,
            text: String::new(),
            lead: None,
            cells: Vec::new(),
            header: std::sync::Arc::default(),
            is_header: false,
            callout,
            depth,
            links: Vec::new(),
            tradeoff_icon: false,
        });
        let index = section.blocks.len() - 1;
        self.stack.push(Open::Block {
            index,
            run: Run::default(),
        });
    }

    /// The run that inline text goes to: the innermost open block, cell or heading.
    fn run(&mut self) -> Option<&mut Run> {
        for open in self.stack.iter_mut().rev() {
            match open {
                Open::Block { run, .. } | Open::Cell { run } | Open::Heading { run, .. } => {
                    return Some(run);
                }
                Open::Image => return None,
                _ => {}
            }
        }
        None
    }

    fn in_item(&self) -> bool {
        matches!(self.stack.last(), Some(Open::Block { index, .. })
            if self.tree.sections.last().is_some_and(|s| s.blocks.get(*index).is_some_and(|b| b.kind == BlockKind::ListItem)))
    }

    fn event(&mut self, event: Event<'_>, line: u32) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => {
                if let Some(run) = self.run() {
                    run.push(&t);
                } else if !matches!(self.stack.last(), Some(Open::Image)) {
                    // Loose text outside any block (e.g. in a quote): give it a paragraph.
                    self.open_block(BlockKind::Paragraph, line);
                    if let Some(run) = self.run() {
                        run.push(&t);
                    }
                    self.close_block();
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(run) = self.run() {
                    run.push(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(run) = self.run() {
                    run.push(" ");
                }
            }
            Event::HardBreak => {
                if let Some(run) = self.run() {
                    run.push("\n");
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if let Some(run) = self.run() {
                    if tag.starts_with("<br") || tag.starts_with("<p") || tag.starts_with("</p") {
                        run.push("\n");
                    } else {
                        run.push(" ");
                    }
                }
            }
            Event::TaskListMarker(_) | Event::Rule | Event::FootnoteReference(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: u32) {
        match tag {
            Tag::Heading { level, .. } => {
                let level = heading_level(level);
                self.stack.push(Open::Heading {
                    run: Run::default(),
                    level,
                    line,
                });
            }
            Tag::Paragraph => {
                if self.in_item() {
                    if let Some(run) = self.run()
                        && !run.raw.is_empty()
                    {
                        run.push("\n");
                    }
                } else if self.run().is_none() {
                    self.open_block(BlockKind::Paragraph, line);
                }
            }
            Tag::Item => self.open_block(BlockKind::ListItem, line),
            Tag::List(_) => {
                self.list_depth += 1;
                self.stack.push(Open::List);
            }
            Tag::BlockQuote(kind) => {
                self.callouts
                    .push(kind.map(quote_kind).unwrap_or_default().to_string());
                self.stack.push(Open::Quote);
            }
            Tag::CodeBlock(_) => self.open_block(BlockKind::Code, line),
            Tag::Table(_) => {
                self.header = std::sync::Arc::default();
                self.stack.push(Open::Table);
            }
            Tag::TableHead => {
                self.in_head = true;
                self.row_cells.clear();
                self.row_line = line;
            }
            Tag::TableRow => {
                self.row_cells.clear();
                self.row_line = line;
            }
            Tag::TableCell => self.stack.push(Open::Cell {
                run: Run::default(),
            }),
            Tag::Strong => {
                if let Some(run) = self.run() {
                    run.start_strong();
                }
            }
            Tag::Link { dest_url, .. } => {
                if let Some(run) = self.run() {
                    run.start_link(dest_url.to_string());
                }
            }
            Tag::Image { .. } => self.stack.push(Open::Image),
            Tag::HtmlBlock
            | Tag::Emphasis
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::FootnoteDefinition(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(Open::Heading { run, level, line }) = self.stack.pop() {
                    self.heading(run, level, line);
                }
            }
            TagEnd::Paragraph
                if !self.in_item() && matches!(self.stack.last(), Some(Open::Block { .. })) =>
            {
                self.close_block();
            }
            TagEnd::Item | TagEnd::CodeBlock => self.close_block(),
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                self.pop_until(|o| matches!(o, Open::List));
            }
            TagEnd::BlockQuote(_) => {
                self.callouts.pop();
                self.pop_until(|o| matches!(o, Open::Quote));
            }
            TagEnd::Table => {
                self.pop_until(|o| matches!(o, Open::Table));
                self.header = std::sync::Arc::default();
            }
            TagEnd::TableHead => {
                // Every row of the table shares the column names, cut short, as a real
                // column name is.
                self.header = self
                    .row_cells
                    .iter()
                    .map(|c| text::summarize(&c.text, MAX_COLUMN_NAME_CHARS))
                    .collect();
                self.emit_row(true);
                self.in_head = false;
            }
            TagEnd::TableRow => self.emit_row(false),
            TagEnd::TableCell => {
                if let Some(Open::Cell { run }) = self.stack.pop()
                    && self.row_cells.len() < MAX_COLUMNS
                {
                    let (text, _) = clean(&run.raw);
                    let first_line = run.first_line();
                    let links = self.budget_links(run.links);
                    self.row_cells.push(Cell {
                        text,
                        first_line,
                        lead: run.lead,
                        links,
                    });
                }
            }
            TagEnd::Strong => {
                if let Some(run) = self.run() {
                    run.end_strong();
                }
            }
            TagEnd::Link => {
                if let Some(run) = self.run() {
                    run.end_link();
                }
            }
            TagEnd::Image => {
                if matches!(self.stack.last(), Some(Open::Image)) {
                    self.stack.pop();
                }
            }
            _ => {}
        }
    }

    /// Pops open entries down to and including the first one that `is_target`, closing any
    /// block left open on the way (malformed input can leave one).
    fn pop_until(&mut self, is_target: impl Fn(&Open) -> bool) {
        while let Some(top) = self.stack.last() {
            if is_target(top) {
                self.stack.pop();
                return;
            }
            if matches!(top, Open::Block { .. }) {
                self.close_block();
            } else {
                self.stack.pop();
            }
        }
    }

    fn close_block(&mut self) {
        let Some(Open::Block { index, mut run }) = self.stack.pop() else {
            return;
        };
        run.end_strong();
        let (mut text, tradeoff_icon) = clean(&run.raw);
        // A quote's first block may name the callout: `> [!div class="checklist"]`.
        let mut callout_name = None;
        if let Some(pending) = self.callouts.last_mut() {
            let (marker, rest) = text::strip_callout_marker(&text);
            if let Some(marker) = marker {
                text = rest.trim().to_string();
                if pending.is_empty() {
                    *pending = marker.clone();
                }
                callout_name = Some(marker);
            } else if pending.is_empty() {
                *pending = "quote".into();
            }
            if callout_name.is_none() {
                callout_name = Some(pending.clone());
            }
        }
        let lead = run
            .lead
            .filter(|l| text.starts_with(l.as_str()) || !l.is_empty());
        let links = if index == usize::MAX {
            Vec::new()
        } else {
            self.budget_links(run.links)
        };
        let Some(section) = self.tree.sections.last_mut() else {
            return;
        };
        if let Some(block) = section.blocks.get_mut(index) {
            block.text = text;
            block.lead = lead;
            block.links = links;
            block.tradeoff_icon = tradeoff_icon;
            if callout_name.is_some() {
                block.callout = callout_name;
            }
        }
    }

    fn emit_row(&mut self, is_header: bool) {
        let cells = std::mem::take(&mut self.row_cells);
        if cells.iter().all(|c| c.text.is_empty()) {
            return;
        }
        self.cells += cells.len();
        if self.cells > MAX_CELLS {
            self.tree.truncated.get_or_insert_with(|| {
                format!("more than {MAX_CELLS} table cells; the rest of the tables is not read")
            });
            return;
        }
        if !self.room_for_block() {
            return;
        }
        let callout = self.callouts.last().cloned().filter(|c| !c.is_empty());
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let links = cells.iter().flat_map(|c| c.links.iter().cloned()).collect();
        let header = std::sync::Arc::clone(&self.header);
        let line = self.row_line;
        self.section().blocks.push(Block {
            kind: BlockKind::TableRow,
            line,
            text,
            lead: None,
            cells,
            header,
            is_header,
            callout,
            depth: 0,
            links,
            tradeoff_icon: false,
        });
    }

    fn heading(&mut self, run: Run, level: u8, line: u32) {
        let (heading, _) = clean(&run.raw);
        let heading = heading.trim_end_matches('#').trim();
        // Every section below a heading keeps a copy of it in its trail: a 7 MB heading over
        // 3000 sections once took gigabytes (issue 11).
        let mut heading = text::summarize(heading, MAX_HEADING_CHARS);
        let mut level = level;
        // A tab of a tab group (`# [Azure OpenAI](#tab/tp2-aoai)`) is no heading of the
        // article: its `#` count says nothing, and its label alone repeats from tab group to
        // tab group (twelve "Azure OpenAI" tabs in the throttling guide). It is a section
        // one level under the heading above the group, titled with both.
        let tab = run.links.iter().any(|l| l.target.starts_with("#tab/"));
        if tab {
            if self.tab {
                self.trail.pop();
            }
            if let Some((above, parent)) = self.trail.last() {
                level = (above + 1).min(6);
                heading = text::summarize(
                    &format!("{parent}{TAB_SEPARATOR}{heading}"),
                    MAX_HEADING_CHARS,
                );
            }
        } else if level == 1 && self.tree.h1.is_none() && !heading.is_empty() {
            self.tree.h1 = Some(heading.clone());
        }
        self.tab = tab;
        while self.trail.last().is_some_and(|(l, _)| *l >= level) {
            self.trail.pop();
        }
        if self.tree.sections.len() >= MAX_SECTIONS {
            self.tree.truncated.get_or_insert_with(|| {
                format!("more than {MAX_SECTIONS} headings; later ones open no section")
            });
            return;
        }
        let trail = self.trail.iter().map(|(_, h)| h.clone()).collect();
        self.trail.push((level, heading.clone()));
        self.tree.sections.push(Section {
            heading,
            level,
            trail,
            line,
            blocks: Vec::new(),
        });
    }

    fn finish(mut self) -> Tree {
        while !self.stack.is_empty() {
            if matches!(self.stack.last(), Some(Open::Block { .. })) {
                self.close_block();
            } else {
                self.stack.pop();
            }
        }
        // Blocks that ended up empty (an item holding only a nested list) say nothing.
        for section in &mut self.tree.sections {
            section
                .blocks
                .retain(|b| !b.text.is_empty() || !b.cells.is_empty());
        }
        self.tree
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn quote_kind(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(md: &str) -> Tree {
        parse(md, &LineIndex::new(md))
    }

    #[test]
    fn sections_have_heading_paths_and_lines() {
        let t = tree("# Title\n\nintro\n\n## A\n\ntext\n\n### B\n\nmore\n\n## C\n");
        assert_eq!(t.h1.as_deref(), Some("Title"));
        let b = &t.sections[2];
        assert_eq!(b.heading, "B");
        assert_eq!(b.trail, vec!["Title", "A"]);
        assert_eq!(b.line, 9);
        assert_eq!(b.blocks[0].text, "more");
        assert_eq!(b.blocks[0].line, 11);
        assert_eq!(t.sections[3].trail, vec!["Title"]);
    }

    #[test]
    fn tabs_are_titled_with_the_heading_above_their_group() {
        let t = tree(
            "# Title\n\n## Pattern 2\n\n# [Azure OpenAI](#tab/p2-aoai)\n\ntext\n\n\
             # [API Management](#tab/p2-apim)\n\nmore\n\n---\n\n## Pattern 3\n",
        );
        let titles: Vec<(&str, u8)> = t
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.level))
            .collect();
        assert_eq!(
            titles,
            [
                ("Title", 1),
                ("Pattern 2", 2),
                ("Pattern 2 › Azure OpenAI", 3),
                ("Pattern 2 › API Management", 3),
                ("Pattern 3", 2)
            ]
        );
        assert_eq!(t.sections[3].trail, vec!["Title", "Pattern 2"]);
        assert_eq!(t.h1.as_deref(), Some("Title"));
    }

    #[test]
    fn list_items_keep_bold_lead_and_depth() {
        let t = tree(
            "- **Model decay**: Models degrade.\n  - **Nested**: child\n- plain **bold** item\n",
        );
        let blocks = &t.sections[0].blocks;
        assert_eq!(blocks[0].lead.as_deref(), Some("Model decay"));
        assert_eq!(blocks[0].text, "Model decay: Models degrade.");
        assert_eq!(blocks[0].depth, 1);
        assert_eq!(blocks[1].lead.as_deref(), Some("Nested"));
        assert_eq!(blocks[1].depth, 2);
        assert_eq!(blocks[2].lead, None);
    }

    #[test]
    fn tables_rows_and_headings_are_capped() {
        let wide = format!(
            "|{}\n|{}\n|{}\n",
            "h|".repeat(1000),
            "-|".repeat(1000),
            "x|".repeat(1000)
        );
        let t = tree(&wide);
        let rows: Vec<&Block> = t.sections.iter().flat_map(|s| &s.blocks).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.cells.len() == MAX_COLUMNS));
        assert!(rows.iter().all(|r| r.header.len() == MAX_COLUMNS));
        assert!(t.truncated.is_none());

        let table = format!(
            "{}|\n{}|\n{}",
            "|h".repeat(10),
            "|-".repeat(10),
            format!("{}|\n", "|x".repeat(10)).repeat(MAX_CELLS / 10 + 10)
        );
        let t = tree(&table);
        let rows: Vec<&Block> = t.sections.iter().flat_map(|s| &s.blocks).collect();
        // The header row is one of the rows, its names among the cells.
        assert_eq!(rows.len(), MAX_CELLS / 10);
        assert!(
            rows.windows(2)
                .all(|w| std::sync::Arc::ptr_eq(&w[0].header, &w[1].header))
        );
        assert!(
            t.truncated
                .as_deref()
                .is_some_and(|m| m.contains("table cells"))
        );

        let many = "para\n\n".repeat(MAX_BLOCKS + 10);
        let t = tree(&many);
        let blocks: usize = t.sections.iter().map(|s| s.blocks.len()).sum();
        assert_eq!(blocks, MAX_BLOCKS);
        assert!(t.truncated.is_some());

        let links = "[a](b) ".repeat(MAX_LINKS + 10);
        let t = tree(&links);
        let kept: usize = t
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .map(|b| b.links.len())
            .sum();
        assert_eq!(kept, MAX_LINKS);
        assert!(t.truncated.is_some());

        let names = format!("|{}|\n|-|\n|x|\n", "name ".repeat(10_000));
        let t = tree(&names);
        let row = &t.sections[0].blocks[1];
        assert!(row.header[0].chars().count() <= MAX_COLUMN_NAME_CHARS + 1);

        let long = format!("# {}\n## a\n## b\n", "word ".repeat(100_000));
        let t = tree(&long);
        assert!(t.h1.as_ref().unwrap().chars().count() <= MAX_HEADING_CHARS + 1);
        assert!(t.sections[2].trail[0].chars().count() <= MAX_HEADING_CHARS + 1);

        let headings = "# h\n".repeat(MAX_SECTIONS + 10);
        let t = tree(&headings);
        assert_eq!(t.sections.len(), MAX_SECTIONS);
        assert!(t.truncated.is_some());
    }

    #[test]
    fn table_rows_carry_header_and_cells() {
        let md = "|&nbsp;|Code|Recommendation|\n|-|-|-|\n| &#9744; |[RE:01](simplify.md)| **Focus on simplicity.** More text.<br>Second line |\n";
        let t = tree(md);
        let rows: Vec<_> = t.sections[0]
            .blocks
            .iter()
            .filter(|b| !b.is_header)
            .collect();
        assert_eq!(rows.len(), 1);
        let row = rows[0];
        assert_eq!(*row.header, ["", "Code", "Recommendation"]);
        assert_eq!(row.cells[0].text, "");
        assert_eq!(row.cells[1].text, "RE:01");
        assert_eq!(row.cells[1].links[0].target, "simplify.md");
        assert_eq!(row.cells[2].lead.as_deref(), Some("Focus on simplicity."));
        assert_eq!(row.cells[2].first_line, "Focus on simplicity. More text.");
        assert_eq!(row.line, 3);
    }

    #[test]
    fn callouts_are_named() {
        let md =
            "> [!NOTE]\n> A note.\n\n> [!div class=\"checklist\"]\n> - item one\n\n> plain quote\n";
        let t = tree(md);
        let blocks = &t.sections[0].blocks;
        let note = blocks.iter().find(|b| b.text == "A note.").unwrap();
        assert_eq!(note.callout.as_deref(), Some("note"));
        let item = blocks.iter().find(|b| b.text == "item one").unwrap();
        assert_eq!(item.callout.as_deref(), Some("div class=\"checklist\""));
        let quote = blocks.iter().find(|b| b.text == "plain quote").unwrap();
        assert_eq!(quote.callout.as_deref(), Some("quote"));
    }

    #[test]
    fn learn_syntax_comes_out_clean() {
        let md = "> :::image type=\"icon\" source=\"../_images/trade-off.svg\"::: **Tradeoff: Old versions.** Text &amp; more.\n\n:::image type=\"content\" source=\"a.png\" alt-text=\"x\":::\n\n**&#10004;** Start with [Design](./design.md).\n";
        let t = tree(md);
        let blocks = &t.sections[0].blocks;
        assert!(blocks[0].tradeoff_icon);
        assert_eq!(blocks[0].lead.as_deref(), Some("Tradeoff: Old versions."));
        assert_eq!(blocks[0].text, "Tradeoff: Old versions. Text & more.");
        assert_eq!(blocks.len(), 2, "the lone image directive leaves no block");
        assert_eq!(blocks[1].text, "Start with Design.");
        assert_eq!(blocks[1].lead, None);
        assert_eq!(blocks[1].links[0].target, "./design.md");
    }

    #[test]
    fn unterminated_fence_and_deep_nesting_do_not_panic() {
        let t = tree("# T\n```\ncode never closed\n");
        assert_eq!(t.sections[0].blocks[0].kind, BlockKind::Code);
        let deep = "> ".repeat(5000) + "x\n" + &"- ".repeat(5000) + "y\n";
        let t = tree(&deep);
        assert!(t.sections[0].blocks.iter().any(|b| b.text == "x"));
    }
}
