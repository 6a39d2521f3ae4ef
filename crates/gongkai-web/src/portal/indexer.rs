//! The search index as derived data (`DEPENDENCIES.md` §3): each instance keeps its own copy in
//! its data folder, current by following the registry's change log. The seq of the last change
//! applied (the cursor) is written beside the index after each commit, so a restart resumes
//! where it stopped; a crash between the commit and the cursor only applies a few changes again,
//! which upserts and deletes make harmless. Every document goes in as its public view and
//! nothing else; one no longer public is deleted.

use crate::documents::body;
use chrono::Datelike;
use gongkai_search::{SearchDocument, SearchError, SearchIndex, Validity};
use gongkai_storage::documents::{PublicFilter, StoredDocument};
use gongkai_storage::{AgencyId, Store, StoreError};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The file holding the cursor, in the index directory.
const CURSOR_FILE: &str = "gongkai-applied-seq";
/// Changes read from the log at a time (one commit each).
const BATCH: u64 = 500;

/// Why keeping the index failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reading the store failed.
    #[error("读取数据库失败：{0}")]
    Store(#[from] StoreError),
    /// Writing the index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The cursor file could not be read or written.
    #[error("检索索引进度文件读写失败：{0}")]
    Cursor(#[from] std::io::Error),
}

/// An index on disk with its cursor.
pub struct Indexer {
    /// The index, shared with the search page.
    pub index: Arc<SearchIndex>,
    dir: PathBuf,
}

fn validity(key: &str) -> Validity {
    match key {
        "expired" => Validity::Expired,
        "repealed" => Validity::Repealed,
        _ => Validity::Valid,
    }
}

/// What the index holds of `d`: its public view, or `None` when the public may not see it.
pub fn search_document(
    d: &StoredDocument,
    code: &str,
    texts: &HashMap<i64, String>,
) -> Option<SearchDocument> {
    let v = d.document.public_view()?;
    let c = v.content;
    let attachment_text: Vec<&str> = c
        .attachments
        .iter()
        .filter_map(|a| texts.get(&a.id.0).map(String::as_str))
        .collect();
    Some(SearchDocument {
        id: d.id,
        agency_code: code.to_owned(),
        year: c.written_on.year(),
        topics: c.topic.iter().map(|t| t.as_str().to_owned()).collect(),
        genres: c.genre.iter().map(|t| t.as_str().to_owned()).collect(),
        validity: validity(v.validity.key()),
        title: c.title.clone(),
        doc_no: c.doc_no.clone(),
        summary: c.summary.clone(),
        body: body::to_text(&c.body),
        attachment_text: attachment_text.join("\n"),
        published_on: v.updated_on,
    })
}

async fn codes(store: &dyn Store) -> Result<HashMap<AgencyId, String>, StoreError> {
    Ok(store
        .all_agencies()
        .await?
        .into_iter()
        .map(|a| (a.id, a.code.as_str().to_owned()))
        .collect())
}

/// Upserts the public ones of `docs` (with their attachments' text); returns their ids.
async fn upsert_public(
    store: &dyn Store,
    index: &SearchIndex,
    docs: &[StoredDocument],
    codes: &HashMap<AgencyId, String>,
) -> Result<HashSet<i64>, IndexError> {
    let files: Vec<i64> = docs
        .iter()
        .filter_map(|d| d.document.public_view())
        .flat_map(|v| v.content.attachments.iter().map(|a| a.id.0))
        .collect();
    let texts: HashMap<i64, String> = store
        .document_file_texts(&files)
        .await?
        .into_iter()
        .collect();
    let mut done = HashSet::new();
    for d in docs {
        let doc = codes
            .get(&d.agency_id)
            .and_then(|code| search_document(d, code, &texts));
        if let Some(doc) = doc {
            index.upsert(&doc)?;
            done.insert(d.id);
        }
    }
    Ok(done)
}

/// Applies the changes after `after` to `index`, committing each batch and calling `saved`
/// with the seq it reached; returns the last seq applied.
pub async fn catch_up(
    store: &dyn Store,
    index: &SearchIndex,
    mut after: i64,
    mut saved: impl FnMut(i64) -> Result<(), IndexError>,
) -> Result<i64, IndexError> {
    loop {
        let changes = store.document_changes(after, BATCH).await?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(after);
        };
        let ids: Vec<i64> = changes
            .iter()
            .map(|c| c.document_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let docs = store.documents_by_ids(&ids).await?;
        let public = upsert_public(store, index, &docs, &codes(store).await?).await?;
        for id in ids.iter().filter(|id| !public.contains(id)) {
            index.delete(*id)?;
        }
        index.commit()?;
        saved(last)?;
        after = last;
    }
}

/// The seq of the newest change in the log (0 when empty).
async fn latest_seq(store: &dyn Store) -> Result<i64, StoreError> {
    let mut seq = 0;
    loop {
        match store.document_changes(seq, 10_000).await?.last() {
            Some(c) => seq = c.seq,
            None => return Ok(seq),
        }
    }
}

/// Rebuilds `index` from the store: cleared, every public document added; returns how many
/// and the seq the index is now current to (taken before reading, so a change made meanwhile
/// is applied again by the next catch-up rather than lost).
pub async fn rebuild(store: &dyn Store, index: &SearchIndex) -> Result<(u64, i64), IndexError> {
    let seq = latest_seq(store).await?;
    let codes = codes(store).await?;
    index.clear()?;
    let mut count = 0;
    let mut offset = 0;
    loop {
        let (docs, _) = store
            .public_documents(&PublicFilter::default(), offset, BATCH)
            .await?;
        count += upsert_public(store, index, &docs, &codes).await?.len() as u64;
        if (docs.len() as u64) < BATCH {
            break;
        }
        offset += BATCH;
    }
    index.finish()?;
    Ok((count, seq))
}

impl Indexer {
    /// Opens (or creates) the index in `dir`; an index of an older layout is deleted, to be
    /// rebuilt from the change log.
    pub fn open(dir: &Path) -> Result<Indexer, IndexError> {
        let index = match SearchIndex::open(dir) {
            Err(SearchError::SchemaChanged) => {
                tracing::warn!(dir = %dir.display(), "search index layout changed; rebuilding");
                std::fs::remove_dir_all(dir)?;
                SearchIndex::open(dir)?
            }
            other => other?,
        };
        Ok(Indexer {
            index: Arc::new(index),
            dir: dir.to_owned(),
        })
    }

    /// The seq of the last change applied (0 for a new index).
    pub fn cursor(&self) -> i64 {
        std::fs::read_to_string(self.dir.join(CURSOR_FILE))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Records the cursor: written aside and renamed, so a crash never leaves half a number.
    pub fn save_cursor(&self, seq: i64) -> Result<(), IndexError> {
        let tmp = self.dir.join(format!("{CURSOR_FILE}.tmp"));
        std::fs::write(&tmp, seq.to_string())?;
        std::fs::rename(&tmp, self.dir.join(CURSOR_FILE))?;
        Ok(())
    }

    /// Applies the changes made since the cursor.
    pub async fn step(&self, store: &dyn Store) -> Result<i64, IndexError> {
        catch_up(store, &self.index, self.cursor(), |seq| {
            self.save_cursor(seq)
        })
        .await
    }

    /// Rebuilds the index from the store and sets the cursor (`gongkai search reindex`).
    pub async fn reindex(&self, store: &dyn Store) -> Result<u64, IndexError> {
        let (count, seq) = rebuild(store, &self.index).await?;
        self.save_cursor(seq)?;
        Ok(count)
    }

    /// Follows the change log every `every` for as long as the process runs.
    pub fn spawn(self: Arc<Self>, store: Arc<dyn Store>, every: Duration) {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.step(store.as_ref()).await {
                    tracing::warn!(error = %e, "search index update failed");
                }
                tokio::time::sleep(every).await;
            }
        });
    }
}
