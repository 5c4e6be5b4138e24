; Inno Setup 6 script for the Windows installer. Run ON WINDOWS after the PyInstaller build:
;   iscc /DAppVersion=0.1.0 packaging\windows\selfdata-wallet.iss
; Not built or tested in this project's CI (Linux only). See packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E0B7C1A-6A43-4C7E-9E0C-5D2B9C1F0A11}
AppName=Self Data Wallet
AppVersion={#AppVersion}
AppPublisher=Self Data Wallet contributors
DefaultDirName={autopf}\Self Data Wallet
DefaultGroupName=Self Data Wallet
; Per-user install by default: pilot testers rarely have administrator rights.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=selfdata-wallet-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\SelfDataWallet.exe
WizardStyle=modern

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\windows\SelfDataWallet\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Self Data Wallet"; Filename: "{app}\SelfDataWallet.exe"
Name: "{autodesktop}\Self Data Wallet"; Filename: "{app}\SelfDataWallet.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\SelfDataWallet.exe"; Description: "{cm:LaunchProgram,Self Data Wallet}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only the program folder. Wallets live in %LOCALAPPDATA%\SelfDataWallet
; and are never touched: there is deliberately no [UninstallDelete] entry for them.
