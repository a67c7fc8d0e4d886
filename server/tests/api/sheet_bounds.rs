//! A small spreadsheet that declares a huge sheet is refused before it is laid out: a 1.5 KB
//! .xlsx with a cell at J500000 took the server from 100 MB to 390 MB, and one at the sheet's
//! last cell would have aborted it (attacker tester).
use std::io::{Cursor, Read, Seek, SeekFrom, Write};

use rust_xlsxwriter::Workbook;

use crate::{
    alert_files::{parse, xlsx, XLS_FIXTURE},
    helpers::spawn_app,
};

/// An .xlsx with its header in A1 and one more cell at (row, column).
fn sparse(row: u32, column: u16) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "记录编号").expect("cell");
    sheet.write_string(row, column, "x").expect("cell");
    book.save_to_buffer().expect("xlsx")
}

/// The fixture .xls with its dimensions record declaring 65,535 rows.
fn xls_declaring_a_huge_sheet() -> Vec<u8> {
    let mut book = cfb::CompoundFile::open(Cursor::new(XLS_FIXTURE.to_vec())).expect("cfb");
    let mut stream = Vec::new();
    book.open_stream("/Workbook")
        .expect("workbook stream")
        .read_to_end(&mut stream)
        .expect("read");
    let mut at = 0;
    let mut dimensions = None;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        if kind == 0x0200 && len >= 14 {
            dimensions = Some(at + 4);
        }
        at += 4 + len;
    }
    let data = dimensions.expect("a BIFF8 dimensions record");
    let mut writer = book.open_stream("/Workbook").expect("stream");
    writer.seek(SeekFrom::Start(data as u64 + 4)).expect("seek");
    writer.write_all(&65_535u32.to_le_bytes()).expect("write");
    drop(writer);
    book.flush().expect("flush");
    book.into_inner().into_inner()
}

/// A good .xlsx with one more entry that unpacks to 32 MB of zeros (about 32 KB packed).
fn zip_bomb() -> Vec<u8> {
    let good = xlsx(false);
    let mut archive = zip::ZipWriter::new_append(Cursor::new(good)).expect("zip");
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    archive
        .start_file("xl/padding.xml", options)
        .expect("entry");
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..32 {
        archive.write_all(&zeros).expect("write");
    }
    archive.finish().expect("finish").into_inner()
}

#[tokio::test]
async fn a_sheet_reaching_far_beyond_a_list_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("远行.xlsx", sparse(500_000, 9), "一次最多导入500条"),
        ("宽表.xlsx", sparse(1, 200), "表格超过64列"),
        (
            "大表.xls",
            xls_declaring_a_huge_sheet(),
            "一次最多导入500条",
        ),
        ("压缩.xlsx", zip_bomb(), "文件太大"),
    ];
    for (name, bytes, says) in cases {
        assert!(
            bytes.len() < 1024 * 1024,
            "{name} is small: {}",
            bytes.len()
        );
        let (status, answer) = parse(&department, name, &bytes).await;
        assert_eq!(status, 422, "{name}: {answer}");
        let message = answer["Refused"]["message"].as_str().expect("message");
        assert!(message.contains(says), "{name}: {message}");
    }
    // The fixture itself, and a sheet within the bounds, still read.
    let (status, answer) = parse(&department, "名单.xls", XLS_FIXTURE).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = parse(&department, "名单.xlsx", &xlsx(false)).await;
    assert_eq!(status, 200, "{answer}");
}
