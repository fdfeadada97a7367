//! Repairs what Debian's wasm-opt 108 writes for a module with two tables: it exports
//! wasm-bindgen's `__wbindgen_externrefs` as the function table (the code inside still uses the
//! right one), and the page then fails with "WebAssembly.Table.set(): Argument 1 is invalid for
//! table". After optimising, every exported table is pointed back at a table of the element type
//! it had before; nothing else in the module changes.

use std::ops::Range;

use anyhow::Context;
use wasmparser::{BinaryReader, ExportSectionReader, ExternalKind, RefType, TableSectionReader};
use wasmparser::{ImportSectionReader, TypeRef};

/// A section: its id, the bytes of the whole section (id and size included), and of its body.
type Section = (u8, Range<usize>, Range<usize>);

/// A module's sections, in order.
fn sections(wasm: &[u8]) -> anyhow::Result<Vec<Section>> {
    anyhow::ensure!(
        wasm.len() >= 8 && &wasm[..4] == b"\0asm",
        "not a WebAssembly module"
    );
    let mut out = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let mut reader = BinaryReader::new(&wasm[at + 1..], 0);
        let size = reader.read_var_u32()? as usize;
        let body = at + 1 + reader.original_position() as usize;
        let end = body + size;
        anyhow::ensure!(
            end <= wasm.len(),
            "section {id} runs past the end of the module"
        );
        out.push((id, at..end, body..end));
        at = end;
    }
    Ok(out)
}

/// The element type of every table, imported ones first, by table index.
fn table_types(wasm: &[u8]) -> anyhow::Result<Vec<RefType>> {
    let mut types = Vec::new();
    let mut defined = Vec::new();
    for (id, _, body) in sections(wasm)? {
        let reader = BinaryReader::new(&wasm[body.clone()], body.start as u64);
        match id {
            2 => {
                for import in ImportSectionReader::new(reader)?.into_imports() {
                    if let TypeRef::Table(t) = import?.ty {
                        types.push(t.element_type);
                    }
                }
            }
            4 => {
                for table in TableSectionReader::new(reader)? {
                    defined.push(table?.ty.element_type);
                }
            }
            _ => {}
        }
    }
    types.extend(defined);
    Ok(types)
}

/// Exported tables by name with their element types.
fn exported_tables(wasm: &[u8]) -> anyhow::Result<Vec<(String, RefType)>> {
    let types = table_types(wasm)?;
    let mut out = Vec::new();
    for (id, _, body) in sections(wasm)? {
        if id != 7 {
            continue;
        }
        let reader = BinaryReader::new(&wasm[body.clone()], body.start as u64);
        for export in ExportSectionReader::new(reader)? {
            let export = export?;
            if export.kind == ExternalKind::Table {
                let ty = *types
                    .get(export.index as usize)
                    .context("an export names a table the module does not have")?;
                out.push((export.name.to_string(), ty));
            }
        }
    }
    Ok(out)
}

/// `optimised` with each exported table pointing at a table of the element type the same export
/// had in `original`. Returns the module unchanged when nothing needs repair.
pub fn repair(original: &[u8], optimised: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    let wanted = exported_tables(original)?;
    let types = table_types(&optimised)?;
    let Some((_, range, body)) = sections(&optimised)?.into_iter().find(|(id, ..)| *id == 7) else {
        return Ok(optimised);
    };
    let reader = BinaryReader::new(&optimised[body.clone()], body.start as u64);
    let mut section = wasm_encoder::ExportSection::new();
    let mut changed = false;
    for export in ExportSectionReader::new(reader)? {
        let export = export?;
        let mut index = export.index;
        if export.kind == ExternalKind::Table {
            if let Some((_, ty)) = wanted.iter().find(|(name, _)| name == export.name) {
                if types.get(index as usize) != Some(ty) {
                    let mut same = types.iter().enumerate().filter(|(_, t)| *t == ty);
                    let (found, _) = same
                        .next()
                        .with_context(|| format!("no table left for the export {}", export.name))?;
                    anyhow::ensure!(
                        same.next().is_none(),
                        "cannot tell which table the export {} meant",
                        export.name
                    );
                    index = found as u32;
                    changed = true;
                }
            }
        }
        let kind = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => wasm_encoder::ExportKind::Func,
            ExternalKind::Table => wasm_encoder::ExportKind::Table,
            ExternalKind::Memory => wasm_encoder::ExportKind::Memory,
            ExternalKind::Global => wasm_encoder::ExportKind::Global,
            ExternalKind::Tag => wasm_encoder::ExportKind::Tag,
        };
        section.export(export.name, kind, index);
    }
    if !changed {
        return Ok(optimised);
    }
    let mut out = optimised[..range.start].to_vec();
    out.push(wasm_encoder::SectionId::Export as u8);
    wasm_encoder::Encode::encode(&section, &mut out);
    out.extend_from_slice(&optimised[range.end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        ExportKind, ExportSection, Module, RefType as Ref, TableSection, TableType,
    };

    fn module(externrefs_at: u32) -> Vec<u8> {
        let mut tables = TableSection::new();
        for ty in [Ref::FUNCREF, Ref::EXTERNREF] {
            tables.table(TableType {
                element_type: ty,
                minimum: 1,
                maximum: None,
                table64: false,
                shared: false,
            });
        }
        let mut exports = ExportSection::new();
        exports.export("__indirect_function_table", ExportKind::Table, 0);
        exports.export("__wbindgen_externrefs", ExportKind::Table, externrefs_at);
        let mut m = Module::new();
        m.section(&tables).section(&exports);
        m.finish()
    }

    #[test]
    fn a_table_export_moved_to_the_wrong_type_is_pointed_back() {
        let repaired = repair(&module(1), module(0)).unwrap();
        assert_eq!(repaired, module(1));
        let tables = exported_tables(&repaired).unwrap();
        assert_eq!(
            tables[1],
            ("__wbindgen_externrefs".to_string(), RefType::EXTERNREF)
        );
    }

    #[test]
    fn a_sound_module_is_left_as_it_is() {
        assert_eq!(repair(&module(1), module(1)).unwrap(), module(1));
    }
}
